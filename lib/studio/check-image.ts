import "server-only";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getJudge } from "@/lib/judge/registry";
import { runJudge } from "@/lib/judge/run-judge";
import { chargeCheck } from "@/lib/limits/check-limit";
import type { ImageCheck } from "@/lib/schemas/checks";
import { deps } from "./deps";

/**
 * Checks one image against its version's checklist (issue 11): loads the image, its version and
 * its bytes, asks the judge in use, scores it (passes ÷ items), keeps it with the image, returns it.
 * 404 for a missing image, 400 for a version with no checklist, 503 when checks are off (JUDGE=off).
 */
export async function checkImage(
  imageId: string,
  opts: {
    signal?: AbortSignal /** Who asks (the route's checked key): a paid judge's check costs a token. */;
    clientKey?: string;
  } = {},
): Promise<ImageCheck> {
  const { store, files } = deps();
  const image = await store.getImage(imageId);
  if (!image) throw new AppError("not_found", "The image was not found.");
  const version = await store.getVersion(image.promptId);
  if (!version) throw new AppError("not_found", "The image's prompt version was not found.");
  if (version.checks.length === 0) throw new AppError("invalid_request", "This version has no checklist.");
  const judge = getJudge();
  // Counted once the request is known to be good, and before any bytes go to the model.
  if (opts.clientKey !== undefined) await chargeCheck(judge.id, opts.clientKey);
  const stored = await files.read(imageId, "full");
  if (!stored) throw new AppError("not_found", "The image file is missing.");

  const check = await runJudge(
    judge,
    imageId,
    {
      image: {
        bytes: new Uint8Array(stored.bytes),
        mime: stored.mime,
        width: image.width,
        height: image.height,
        seed: image.seed,
        backend: image.backend,
      },
      prompt: version.prompt,
      items: version.checks,
    },
    opts.signal ?? new AbortController().signal,
  );
  await store.saveImageCheck({ ...check, id: newId() });
  return check;
}
