import "server-only";
import { abortError } from "@/lib/errors";
import { sceneManifest } from "@/lib/backends/offline/manifest";
import type { CheckResultItem } from "@/lib/schemas/checks";
import { judgeItem } from "./offline-reading";
import type { Judge, JudgeInput } from "./types";

export const OFFLINE_JUDGE_LABEL = "Offline check (no model)";
export const OFFLINE_JUDGE_MODEL = "offline-manifest-v1";

/**
 * The offline judge (issue 11): no model. It checks the items against the scene manifest of the
 * offline sketch, recomputed from (prompt, seed, size): the renderer is deterministic, so this is
 * exactly what was drawn, with nothing stored per image (it works for images made before checks
 * existed, and db:copy or an S3 move lose nothing). It can read only the offline sketch's own
 * pictures: for any other image every item is `unsure`, and says why.
 */
export const offlineJudge: Judge = {
  id: "offline",
  label: OFFLINE_JUDGE_LABEL,
  model: OFFLINE_JUDGE_MODEL,
  async check(input: JudgeInput, opts): Promise<CheckResultItem[]> {
    if (opts.signal.aborted) throw abortError();
    const { image } = input;
    const why =
      image.backend !== undefined && image.backend !== "offline"
        ? `The offline check reads only the offline sketch's own pictures; this one came from ${image.backend}.`
        : image.seed === null
          ? "The image has no seed, so the offline check cannot tell what was drawn."
          : undefined;
    if (why || image.seed === null) {
      return input.items.map((item) => ({
        checkId: item.id,
        text: item.text,
        kind: item.kind,
        verdict: "unsure" as const,
        reason: why ?? "",
      }));
    }
    const manifest = sceneManifest(input.prompt, image.seed, { width: image.width, height: image.height });
    return input.items.map((item) => judgeItem(item, manifest));
  },
};
