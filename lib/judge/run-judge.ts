import type { ImageCheck } from "@/lib/schemas/checks";
import type { Judge, JudgeInput } from "./types";

/** Runs a judge on one image and scores its answer: passes ÷ items (0 for none). */
export async function runJudge(
  judge: Judge,
  imageId: string,
  input: JudgeInput,
  signal: AbortSignal,
): Promise<ImageCheck> {
  const items = await judge.check(input, { signal });
  const passes = items.filter((i) => i.verdict === "pass").length;
  return {
    imageId,
    judge: { id: judge.id, label: judge.label, model: judge.model },
    score: items.length ? passes / items.length : 0,
    items,
    createdAt: new Date().toISOString(),
  };
}
