import "server-only";
import { strToU8 } from "fflate";
import { attachment } from "@/lib/http/image-file-response";
import { log } from "@/lib/log";
import { deps } from "@/lib/studio/deps";
import { withCurrentRecipe } from "@/lib/studio/provenance";
import { exportFileName } from "@/lib/text/file-name";
import type { ExportBundle } from "./export-bundle";
import { exportView } from "./export-view";
import { ideaJson } from "./idea-json";
import { promptsMd } from "./prompts-md";
import { storyHtml } from "./story-html";
import { type ZipEntry, zipStream } from "./zip-stream";

/**
 * The files of one export, in the order they are written: the images first, read from storage
 * one at a time (a PNG with its recipe chunks brought up to date, so an approval given since it
 * was made is in it, exactly as a download of it would be), then the three documents, which
 * name only the images whose bytes were really there.
 */
async function* entries(bundle: ExportBundle): AsyncGenerator<ZipEntry> {
  const { files } = deps();
  const written = new Set<string>();
  for (const { image, path } of bundle.images) {
    const stored = await files.read(image.id, "full");
    // Bytes gone from storage (swept, or a bucket emptied by hand): the row stays in idea.json with no file.
    if (!stored) continue;
    const file = await withCurrentRecipe(image, stored);
    written.add(image.id);
    yield { name: path, bytes: file.bytes, compress: false, mtime: new Date(image.createdAt) };
  }
  const view = await exportView(bundle, written);
  const mtime = new Date(bundle.exportedAt);
  yield { name: "index.html", bytes: strToU8(storyHtml(view, bundle.exportedAt)), compress: true, mtime };
  yield { name: "prompts.md", bytes: strToU8(promptsMd(view, bundle.exportedAt)), compress: true, mtime };
  yield { name: "idea.json", bytes: strToU8(ideaJson(bundle, written)), compress: true, mtime };
}

/** Once the first byte is out the status cannot change: a failure ends the download early, and is logged here. */
async function* logged(bundle: ExportBundle): AsyncGenerator<ZipEntry> {
  try {
    yield* entries(bundle);
  } catch (e) {
    log.error("the export stopped part way", { ideaId: bundle.idea.id, comparisonId: bundle.comparison?.id, error: e });
    throw e;
  }
}

/** The archive as a download: streamed, never cached, named after the idea. */
export function exportResponse(bundle: ExportBundle): Response {
  const name = exportFileName(bundle.idea.title || bundle.idea.text, bundle.kind);
  return new Response(zipStream(logged(bundle)), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment(name),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
