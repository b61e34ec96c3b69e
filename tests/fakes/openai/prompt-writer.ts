/**
 * The fake "model": writes a plausible, deterministic image prompt from the words of an idea.
 * It is not clever; it only needs to look like what a chat model returns, and to be the same
 * for the same input so tests can compare.
 */
import { fnv1a } from "../shared/fnv1a";
import { pick } from "./hash";

/** The anatomy, as the app's structured output asks for it: every key, "" when absent. */
export type FakeParts = Record<(typeof PART_KEYS)[number], string>;

export type FakeRefinement = {
  prompt: string;
  negativePrompt: string;
  title: string;
  notes: string[];
  parts: FakeParts;
};

export type FakePromptInput = {
  idea: string;
  dialect: "prose" | "tags";
  /** Present on a follow-up: the prompt being refined and what to change. */
  currentPrompt?: string;
  currentNegativePrompt?: string;
  instruction?: string;
  /** The current prompt's parts and the locked ones, by part name. */
  currentParts?: Record<string, string>;
  lockedParts?: Record<string, string>;
  /** For one of several candidates: "Label: brief". */
  direction?: string;
  /** On a follow-up: the current checklist, "kind: text" lines (issue 11). */
  currentChecks?: string;
};

export const PART_KEYS = [
  "subject",
  "setting",
  "medium",
  "lighting",
  "composition",
  "palette",
  "details",
  "negative",
] as const;

/**
 * An instruction holding this word makes the fake "model" reword every locked part, as a
 * careless model might, so tests can watch the app put the locked words back.
 */
export const FAKE_IGNORE_LOCKS = "FAKE_IGNORE_LOCKS";

function emptyParts(): FakeParts {
  return Object.fromEntries(PART_KEYS.map((k) => [k, ""])) as FakeParts;
}

/** A direction's label: its first line ("Bolder: dramatic light and palette"). */
function labelOf(direction: string | undefined): string | undefined {
  return direction?.split("\n")[0]?.trim() || undefined;
}

/** The label of a bolder direction; undefined for none or the faithful one. */
function boldLabel(direction: string | undefined): string | undefined {
  const label = labelOf(direction);
  return label && !/^faithful\b/i.test(label) ? label : undefined;
}

const SETTINGS = [
  "a quiet forest clearing at the edge of a misty lake",
  "a rain-soaked city street lined with neon signs",
  "a sunlit meadow under a wide summer sky",
  "a cluttered artist's studio with tall windows",
  "a windswept coastal cliff above a grey sea",
  "a snowy mountain village at dusk",
];
const MEDIA = [
  "a high-resolution digital painting",
  "a 35mm film photograph",
  "a detailed watercolor illustration",
  "a richly textured oil painting",
  "a clean 3D render with soft global illumination",
];
const LIGHTING = [
  "soft golden-hour light raking in from the left",
  "cool overcast light with gentle shadows",
  "dramatic rim lighting against a darker background",
  "warm lantern light with deep, velvety shadows",
  "bright diffuse morning light",
];
const COMPOSITION = [
  "a low-angle medium shot following the rule of thirds",
  "a centered portrait composition with shallow depth of field",
  "a wide establishing shot with a strong leading line",
  "a close-up with the subject slightly off-center",
];
const PALETTE = [
  "muted teal, amber and cream",
  "deep indigo, coral and gold",
  "earthy ochre, moss green and slate",
  "pastel pink, lavender and pale blue",
];
const DETAIL = [
  "crisp fine textures and subtle atmospheric haze",
  "intricate surface detail and delicate highlights",
  "visible brushwork and gentle film grain",
  "sharp focus on the subject with a softly blurred background",
];
const NEGATIVE_TAGS = "lowres, blurry, jpeg artifacts, watermark, text, signature, extra fingers, deformed hands";

function clean(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!?]+$/, "");
}

function titleFrom(idea: string): string {
  const words = clean(idea).split(" ").filter(Boolean).slice(0, 6);
  const title = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
  return title || "Untitled";
}

function firstRefinement(input: FakePromptInput): FakeRefinement {
  const subject = clean(input.idea) || "an unnamed subject";
  const bold = boldLabel(input.direction);
  // A bolder candidate is another draw from the same lists, so it reads differently.
  const seed = fnv1a(bold ? `${subject.toLowerCase()}|${bold}` : subject.toLowerCase());
  const parts = {
    setting: pick(SETTINGS, seed, 1),
    medium: pick(MEDIA, seed, 2),
    lighting: pick(LIGHTING, seed, 3),
    composition: pick(COMPOSITION, seed, 4),
    palette: pick(PALETTE, seed, 5),
    detail: pick(DETAIL, seed, 6),
  };
  const notes = [
    `Added a setting: ${parts.setting}.`,
    `Chose the medium: ${parts.medium}.`,
    `Set the lighting, composition and palette.`,
  ];
  if (input.direction) notes.push(`Took the direction: ${labelOf(input.direction)}.`);
  if (input.dialect === "tags") {
    const tags = [
      `(${subject}:1.2)`,
      parts.setting,
      parts.medium,
      parts.lighting,
      parts.composition,
      parts.palette,
      parts.detail,
    ];
    return {
      prompt: tags.join(", "),
      negativePrompt: NEGATIVE_TAGS,
      title: titleFrom(subject),
      notes,
      parts: { ...anatomy(parts), subject: tags[0] as string, negative: NEGATIVE_TAGS },
    };
  }
  const medium = `${parts.medium.charAt(0).toUpperCase()}${parts.medium.slice(1)}`;
  const prompt =
    `${medium} of ${subject}, set in ${parts.setting}. ` +
    `The scene is lit by ${parts.lighting}, framed as ${parts.composition}. ` +
    `The palette keeps to ${parts.palette}, with ${parts.detail}.`;
  return {
    prompt,
    negativePrompt: "",
    title: titleFrom(subject),
    notes,
    parts: { ...anatomy(parts), subject, medium },
  };
}

/** Each templated piece is a part, word for word as the prompt has it. */
function anatomy(
  p: Record<"setting" | "medium" | "lighting" | "composition" | "palette" | "detail", string>,
): FakeParts {
  return {
    ...emptyParts(),
    setting: p.setting,
    medium: p.medium,
    lighting: p.lighting,
    composition: p.composition,
    palette: p.palette,
    details: p.detail,
  };
}

function followUp(input: FakePromptInput & { currentPrompt: string }): FakeRefinement {
  const instruction = clean(input.instruction ?? "");
  const bold = boldLabel(input.direction)?.replace(/^bolder:\s*/i, "");
  let prompt =
    input.dialect === "tags"
      ? `${input.currentPrompt}, (${instruction}:1.1)${bold ? `, (${bold.toLowerCase()}:1.1)` : ""}`
      : `${input.currentPrompt} Adjusted so that: ${instruction}.${bold ? ` Pushed further: ${bold.toLowerCase()}.` : ""}`;
  const negativePrompt = input.currentNegativePrompt ?? (input.dialect === "tags" ? NEGATIVE_TAGS : "");
  const notes = [`Applied the instruction: ${instruction}.`];
  if (input.direction) notes.push(`Took the direction: ${labelOf(input.direction)}.`);

  // The current prompt is kept whole, so its parts (locked ones included) are still in it.
  const parts = emptyParts();
  for (const key of PART_KEYS) {
    const text = input.currentParts?.[key];
    const home = key === "negative" ? negativePrompt : prompt;
    if (text && home.includes(text)) parts[key] = text;
  }
  if (instruction.includes(FAKE_IGNORE_LOCKS)) {
    for (const [key, text] of Object.entries(input.lockedParts ?? {})) {
      if (key === "negative" || !prompt.includes(text)) continue;
      const reworded = `reworked ${text.replace(/^\S+\s*/, "")}`;
      prompt = prompt.replace(text, reworded);
      parts[key as (typeof PART_KEYS)[number]] = reworded;
    }
  }
  return { prompt, negativePrompt, title: titleFrom(input.idea), notes, parts };
}

export function writeFakePrompt(input: FakePromptInput): FakeRefinement {
  return input.currentPrompt ? followUp({ ...input, currentPrompt: input.currentPrompt }) : firstRefinement(input);
}
