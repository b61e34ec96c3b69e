/**
 * The fake "model": writes a plausible, deterministic image prompt from the words of an idea.
 * It is not clever; it only needs to look like what a chat model returns, and to be the same
 * for the same input so tests can compare.
 */
import { fnv1a } from "../shared/fnv1a";
import { pick } from "./hash";

export type FakeRefinement = { prompt: string; negativePrompt: string; title: string; notes: string[] };

export type FakePromptInput = {
  idea: string;
  dialect: "prose" | "tags";
  /** Present on a follow-up: the prompt being refined and what to change. */
  currentPrompt?: string;
  currentNegativePrompt?: string;
  instruction?: string;
};

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
  const seed = fnv1a(subject.toLowerCase());
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
    return { prompt: tags.join(", "), negativePrompt: NEGATIVE_TAGS, title: titleFrom(subject), notes };
  }
  const prompt =
    `${parts.medium.charAt(0).toUpperCase()}${parts.medium.slice(1)} of ${subject}, set in ${parts.setting}. ` +
    `The scene is lit by ${parts.lighting}, framed as ${parts.composition}. ` +
    `The palette keeps to ${parts.palette}, with ${parts.detail}.`;
  return { prompt, negativePrompt: "", title: titleFrom(subject), notes };
}

function followUp(input: FakePromptInput & { currentPrompt: string }): FakeRefinement {
  const instruction = clean(input.instruction ?? "");
  const prompt =
    input.dialect === "tags"
      ? `${input.currentPrompt}, (${instruction}:1.1)`
      : `${input.currentPrompt} Adjusted so that: ${instruction}.`;
  return {
    prompt,
    negativePrompt: input.currentNegativePrompt ?? (input.dialect === "tags" ? NEGATIVE_TAGS : ""),
    title: titleFrom(input.idea),
    notes: [`Applied the instruction: ${instruction}.`],
  };
}

export function writeFakePrompt(input: FakePromptInput): FakeRefinement {
  return input.currentPrompt ? followUp({ ...input, currentPrompt: input.currentPrompt }) : firstRefinement(input);
}
