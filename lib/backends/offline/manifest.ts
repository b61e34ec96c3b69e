import { analyzeScene } from "./analyze-scene";
import { type Composition, composeScene } from "./compose-scene";
import type { ColorWord, Medium, MoonPhase, Setting, SubjectKind, TimeOfDay, Tone, Weather } from "./scene-types";

/**
 * What the offline sketch drew (issue 11): the subjects and how many, their colours, the sky,
 * the time, the weather, the place and the medium. The offline judge checks a checklist against
 * it. It is read from the composition the renderer rasterises (render.ts uses the same call), and
 * the subjects and the sky are recorded by the drawing code as it draws, so it says what is in the
 * picture, not what the prompt hoped for.
 */
export type SceneManifest = {
  version: 1;
  subjects: Array<{
    kind: SubjectKind;
    count: number;
    /** The colour word the prompt gave it ("red fox"); null: the palette's own. */
    color: ColorWord | null;
    /** False for a focal point the renderer added because the prompt named none. */
    asked: boolean;
  }>;
  /** The colours the picture leans to, strongest first (the prompt's colour words). */
  colors: ColorWord[];
  tones: Tone[];
  sky: { sun: boolean; moon: MoonPhase | null; stars: boolean; aurora: boolean; clouds: number; birds: number };
  time: TimeOfDay;
  weather: Weather[];
  place: Setting[];
  medium: Medium;
};

export function manifestOf({ ctx }: Composition): SceneManifest {
  const { scene, drawn } = ctx;
  return {
    version: 1,
    subjects: drawn.subjects.map((s) => ({ ...s })),
    colors: [...scene.colors],
    tones: [...scene.tones],
    sky: {
      sun: drawn.sun,
      moon: drawn.moon,
      stars: drawn.stars,
      aurora: drawn.aurora,
      clouds: drawn.clouds,
      birds: drawn.birds,
    },
    time: scene.time,
    weather: [...scene.weather],
    place: [...scene.settings],
    medium: scene.medium,
  };
}

/** The composition render.ts rasterises for this prompt, seed and size. */
export function composeFor(prompt: string, seed: number, size: { width: number; height: number }): Composition {
  return composeScene(analyzeScene(prompt), { width: size.width, height: size.height, seed, prompt });
}

/**
 * The manifest of the sketch renderOfflineSketch makes for this prompt, seed and size. Pure and
 * deterministic, like the renderer: the same three give the same manifest.
 */
export function sceneManifest(prompt: string, seed: number, size: { width: number; height: number }): SceneManifest {
  return manifestOf(composeFor(prompt, seed, size));
}
