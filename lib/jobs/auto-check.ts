import "server-only";
import { isAppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { GeneratedImage } from "@/lib/backends/types";
import { autoCheckEnabled, configuredJudge } from "@/lib/judge/registry";
import { runJudge } from "@/lib/judge/run-judge";
import { log, scrubSecrets } from "@/lib/log";
import type { ImageCheck } from "@/lib/schemas/checks";
import type { Image, PromptVersion } from "@/lib/schemas/entities";
import { checkImage } from "@/lib/studio/check-image";
import { deps } from "@/lib/studio/deps";
import { emit } from "./generation-events";

/**
 * How long a finished generation waits for its automatic checks before it says `done`: the
 * offline check takes milliseconds, so its receipts ride the same event stream; a slower judge's
 * check lands after `done`, saved all the same, and the page reads it with the image.
 */
export const AUTO_CHECK_GRACE_MS = 1500;

/**
 * AUTO_CHECK (issue 11): checks each new image against its version's checklist, in the
 * background. Never fails the generation: a version without a checklist is skipped quietly, any
 * other error is logged. Each check is published as a `check` event on the generation's stream.
 * Resolves when every check has ended (or at once when AUTO_CHECK is off).
 */
export async function autoCheckImages(generationId: string, images: readonly Image[]): Promise<void> {
  if (images.length === 0 || !autoCheckEnabled()) return;
  // The offline judge reads only the offline sketch's pictures: checking others would say "unsure" to every item.
  const readable = configuredJudge()?.id === "offline" ? images.filter((i) => i.backend === "offline") : images;
  await Promise.all(
    readable.map(async (image) => {
      try {
        const check = await checkImage(image.id);
        emit(generationId, { event: "check", data: { imageId: image.id, check } });
      } catch (e) {
        if (isAppError(e) && e.code === "invalid_request") return; // no checklist: nothing to check
        log.warn("automatic check failed", {
          imageId: image.id,
          code: isAppError(e) ? e.code : "internal",
          reason: isAppError(e) ? scrubSecrets(e.message) : "unexpected error",
          error: isAppError(e) ? e.cause : e,
        });
      }
    }),
  );
}

/** Starts the checks and waits for them at most `graceMs`; they go on in the background after that. */
export async function autoCheckWithGrace(
  generationId: string,
  images: readonly Image[],
  graceMs = AUTO_CHECK_GRACE_MS,
): Promise<void> {
  const running = autoCheckImages(generationId, images).catch(() => undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([running, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
}

/**
 * AUTO_CHECK with the offline judge, while a generation stores its images: the check is made
 * before the file is written, so the PNG's recipe carries it from the start and the file served
 * is the file stored, byte for byte. Undefined when there is nothing to check this way (AUTO_CHECK
 * off, another judge, no checklist, or an image the offline sketch did not draw); the caller saves
 * the check once the image row exists (saveGeneratedCheck). Never throws: a generation never fails
 * for a check.
 */
export async function checkWhileStoring(
  imageId: string,
  version: PromptVersion,
  out: GeneratedImage,
  backendId: string,
  signal: AbortSignal,
): Promise<ImageCheck | undefined> {
  const judge = configuredJudge();
  if (!autoCheckEnabled() || judge?.id !== "offline" || backendId !== "offline" || version.checks.length === 0) {
    return undefined;
  }
  try {
    return await runJudge(
      judge,
      imageId,
      {
        image: {
          bytes: out.bytes,
          mime: out.mime,
          width: out.width,
          height: out.height,
          seed: out.seed ?? null,
          backend: backendId,
        },
        prompt: version.prompt,
        items: version.checks,
      },
      signal,
    );
  } catch {
    return undefined;
  }
}

/** Saves a check made while storing (its image row now exists). */
export async function saveGeneratedCheck(check: ImageCheck): Promise<void> {
  await deps().store.saveImageCheck({ ...check, id: newId() });
}
