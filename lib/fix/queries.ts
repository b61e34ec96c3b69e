import "server-only";
import { AppError } from "@/lib/errors";
import type { FixLoop } from "@/lib/schemas/checks";
import { getStore } from "@/lib/store";
import { publicLoop } from "./events";

/** GET /api/fix-loops/:id. */
export async function getFixLoop(id: string): Promise<FixLoop> {
  const loop = await getStore().getFixLoop(id);
  if (!loop) throw new AppError("not_found", "The fix loop was not found.");
  return publicLoop(loop);
}

/** The image page: the image's latest loop (a reload finds a running one again), or null. */
export async function latestFixLoopForImage(imageId: string): Promise<FixLoop | null> {
  const [latest] = await getStore().listFixLoopsForImage(imageId);
  return latest ? publicLoop(latest) : null;
}
