/** Shot types an instruction can ask for, and how each is written. */
export type FramingEntry = {
  key: string;
  aliases: readonly string[];
  /** Aliases that only mean framing in an instruction ("closer", "looking up"), never in an idea. */
  loose?: readonly string[];
  /** For any medium. */
  phrase: string;
  /** Added after `phrase` when the prompt is a photograph or render. */
  lens?: string;
};

export const FRAMINGS: readonly FramingEntry[] = [
  {
    key: "extreme close-up",
    aliases: ["extreme close-up", "extreme closeup", "macro"],
    phrase: "extreme close-up filling the frame",
    lens: "100mm macro lens",
  },
  {
    key: "close-up",
    aliases: ["close-up", "closeup", "close up", "tight shot", "headshot"],
    loose: ["closer", "zoom in"],
    phrase: "tight close-up framing",
    lens: "85mm lens",
  },
  {
    key: "portrait",
    aliases: ["portrait", "head and shoulders"],
    loose: ["bust"],
    phrase: "head-and-shoulders portrait framing",
    lens: "85mm lens",
  },
  {
    key: "medium shot",
    aliases: ["medium shot", "waist-up", "waist up", "half body", "half-body"],
    phrase: "medium shot from the waist up",
    lens: "50mm lens",
  },
  {
    key: "full body",
    aliases: ["full body", "full-body", "full length", "full-length", "head to toe"],
    phrase: "full-body shot with room around the figure",
    lens: "35mm lens",
  },
  {
    key: "wide shot",
    aliases: ["wide shot", "wide-angle", "wide angle", "establishing shot", "long shot", "wide view"],
    loose: ["wider", "zoom out"],
    phrase: "wide establishing shot showing the whole scene",
    lens: "24mm lens",
  },
  {
    key: "panorama",
    aliases: ["panorama", "panoramic"],
    phrase: "sweeping panoramic view",
    lens: "wide panoramic lens",
  },
  {
    key: "aerial",
    aliases: ["aerial", "bird's-eye", "birds-eye", "bird's eye", "top-down", "top down", "drone shot"],
    loose: ["from above", "overhead"],
    phrase: "aerial bird's-eye view looking down",
  },
  {
    key: "low angle",
    aliases: ["low angle", "low-angle", "worm's-eye", "worms-eye"],
    loose: ["from below", "looking up"],
    phrase: "dramatic low angle looking up",
  },
  {
    key: "high angle",
    aliases: ["high angle", "high-angle"],
    loose: ["looking down"],
    phrase: "high angle looking down",
  },
  { key: "eye level", aliases: ["eye level", "eye-level"], phrase: "straight-on view at eye level" },
  { key: "dutch angle", aliases: ["dutch angle"], loose: ["tilted", "canted"], phrase: "tilted dutch-angle framing" },
  {
    key: "symmetrical",
    aliases: ["symmetrical composition"],
    loose: ["symmetrical", "symmetric", "centered", "centred"],
    phrase: "perfectly symmetrical centered composition",
  },
  { key: "over the shoulder", aliases: ["over the shoulder", "over-the-shoulder"], phrase: "over-the-shoulder view" },
];

/** The shot type a text names; `loose` also accepts instruction-only words like "closer". */
export function findFraming(text: string, loose = false): FramingEntry | undefined {
  const lower = text.toLowerCase();
  const names = (f: FramingEntry) => (loose ? [...f.aliases, ...(f.loose ?? [])] : f.aliases);
  return FRAMINGS.find((f) =>
    names(f).some((a) => new RegExp(`(?<![\\w-])${a.replace(/[-]/g, "[- ]?")}(?![\\w-])`).test(lower)),
  );
}

/** Words that mark a clause as being about framing or camera. */
export const FRAMING_TERMS =
  /(?<![\w-])(close-up|closeup|extreme close-up|macro|shot|angle|view|lens|framing|framed|composition|composed|perspective|bird's-eye|aerial|overhead|eye[- ]level|portrait framing|panoramic|\d+mm|depth of field|bokeh|background blur|foreground|rule of thirds|negative space|vignette|off-center|centered)(?![\w-])/i;
