import type { CandidateDirection } from "./types";

/**
 * The directions several candidates take: the first stays close to the idea, the others
 * each push one thing further, so side by side they show real alternatives rather than
 * four rewordings. Ids are stable: the offline refiner keys its choices on them.
 */
export const DIRECTIONS: readonly CandidateDirection[] = [
  {
    id: "faithful",
    label: "Faithful",
    brief:
      "Stay close to the idea: the most natural, well-crafted reading of it, with no surprising choices of medium, light or camera.",
  },
  {
    id: "dramatic-light",
    label: "Bolder: dramatic light and palette",
    brief:
      "Push the lighting and colour: a striking, high-contrast light (rim light, hard shafts, deep shadow, or glowing practical sources) and a bold, deliberate palette. Keep the subject, setting and medium.",
  },
  {
    id: "unexpected-camera",
    label: "Bolder: unexpected composition",
    brief:
      "Choose an unexpected camera and composition: an unusual angle (worm's-eye, bird's-eye, tilted), an extreme close-up or a tiny subject in a vast frame, or framing through something in the foreground. Replace the shot type, angle and lens the prompt had: keep no framing that contradicts the new one (no close-up beside a bird's-eye view). Keep the subject, setting and medium.",
  },
  {
    id: "reimagined-medium",
    label: "Bolder: reimagined medium",
    brief:
      "Reimagine the medium: render the same scene in a clearly different art form (for example a woodblock print, claymation, charcoal drawing or film-noir photograph) with the lighting, palette and finish that form calls for. Keep the subject and setting.",
  },
];

/** `n` directions (1 to 4): "Faithful" first, then the bolder ones in a fixed order. */
export function candidateDirections(n: number): CandidateDirection[] {
  const count = Math.max(1, Math.min(DIRECTIONS.length, Math.floor(n)));
  return DIRECTIONS.slice(0, count).map((d) => ({ ...d }));
}

export function isFaithful(direction: CandidateDirection | undefined): boolean {
  return !direction || direction.id === "faithful";
}
