import type { SharedImage, SharedStep, SharedView } from "@/lib/schemas/shares";

/** A shared view of an idea with two steps, for the share page's jsdom tests. */
export const TOKEN = "t".repeat(43);

export function sharedImage(id: string, alt: string): SharedImage {
  return {
    id,
    width: 1024,
    height: 768,
    alt,
    src: `/api/s/${TOKEN}/images/${id}/file`,
    thumbSrc: `/api/s/${TOKEN}/images/${id}/thumb`,
    backend: "offline",
    model: "offline-sketch",
    seed: 42,
    createdAt: "2026-12-01T10:00:00.000Z",
  };
}

export function sharedStep(over: Partial<SharedStep> & Pick<SharedStep, "number">): SharedStep {
  return {
    parentNumber: null,
    how: "refined",
    instruction: null,
    style: null,
    prompt: "a red fox in the snow",
    negativePrompt: null,
    parentPrompt: null,
    notes: [],
    approvedAt: null,
    createdAt: "2026-12-01T10:00:00.000Z",
    images: [],
    ...over,
  };
}

export function ideaView(over: Partial<Extract<SharedView, { kind: "idea" }>> = {}): SharedView {
  return {
    kind: "idea",
    title: "Fox in snow",
    ideaText: "a fox in the snow, cozy",
    feedback: false,
    expiresAt: null,
    steps: [
      sharedStep({
        number: 1,
        prompt: "a red fox in the snow",
        images: [sharedImage("img-1", "a red fox in the snow")],
      }),
      sharedStep({
        number: 2,
        parentNumber: 1,
        how: "instruction",
        instruction: "make it night",
        prompt: "a red fox in the snow at night",
        parentPrompt: "a red fox in the snow",
        notes: ["added night"],
        approvedAt: "2026-12-02T10:00:00.000Z",
        images: [sharedImage("img-2", "a red fox in the snow at night")],
      }),
    ],
    ...over,
  } as SharedView;
}
