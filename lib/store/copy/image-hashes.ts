import "server-only";
import { createHash } from "node:crypto";
import type { ImageFiles } from "../types";

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The sha256 of an image's full bytes, or undefined when the storage has none. */
export async function imageHash(files: ImageFiles, id: string): Promise<string | undefined> {
  const found = await files.read(id, "full");
  return found && sha256(found.bytes);
}
