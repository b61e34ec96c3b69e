/** What the analyser understood from a prompt: the only input the composer needs. */

export type TimeOfDay = "dawn" | "day" | "noon" | "sunset" | "dusk" | "night";
export type Weather = "snow" | "rain" | "storm" | "fog" | "clouds" | "clear";
export type Setting =
  | "mountains"
  | "forest"
  | "sea"
  | "lake"
  | "cliff"
  | "city"
  | "street"
  | "desert"
  | "field"
  | "interior"
  | "space";
export type SubjectKind =
  | "fox"
  | "cat"
  | "dog"
  | "wolf"
  | "deer"
  | "horse"
  | "bear"
  | "bird"
  | "person"
  | "astronaut"
  | "robot"
  | "house"
  | "lighthouse"
  | "castle"
  | "tree"
  | "boat"
  | "abstract";
export type Pose = "standing" | "sitting" | "curled" | "flying";
export type ColorWord =
  | "red"
  | "orange"
  | "amber"
  | "yellow"
  | "gold"
  | "green"
  | "teal"
  | "cyan"
  | "blue"
  | "purple"
  | "pink"
  | "brown"
  | "white"
  | "black";
export type Tone = "pastel" | "neon" | "monochrome" | "sepia" | "muted" | "vibrant";
export type Mood = "cozy" | "eerie" | "calm" | "dramatic";
export type Medium = "flat" | "watercolor" | "pixel" | "ink" | "painterly";
export type Extra = "aurora" | "birds" | "flowers" | "lamp" | "books" | "umbrella" | "fire" | "unicorn" | "window";

export type Subject = {
  kind: SubjectKind;
  pose: Pose;
  /** A colour word written right before the subject ("red fox"). */
  color?: ColorWord;
  /** The word that named it, for notes and tests. */
  word: string;
  /** How many the prompt asked for ("two foxes"); absent: one. */
  count?: number;
};

/** The moon's shape when the prompt names one ("a full moon", "a crescent moon"). */
export type MoonPhase = "full" | "crescent";

export type SceneSpec = {
  time: TimeOfDay;
  /** False when the prompt named no time and `time` is a default. */
  timeGiven: boolean;
  weather: Weather[];
  settings: Setting[];
  subject: Subject | null;
  /** Strongest first. */
  colors: ColorWord[];
  tones: Tone[];
  moods: Mood[];
  medium: Medium;
  extras: Extra[];
  /** Every recognised term, in prompt order. */
  matched: string[];
  /** Absent: the seed chooses the moon's shape. */
  moon?: MoonPhase;
};

/**
 * What the composer actually drew, recorded by the drawing code itself as it draws (so it cannot
 * drift from the picture): the scene manifest (manifest.ts) is read from it.
 */
export type Drawn = {
  subjects: Array<{ kind: SubjectKind; count: number; color: ColorWord | null; asked: boolean }>;
  moon: MoonPhase | null;
  sun: boolean;
  stars: boolean;
  aurora: boolean;
  clouds: number;
  birds: number;
};
