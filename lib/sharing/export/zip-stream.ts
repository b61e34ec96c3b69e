import "server-only";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

/** One file of an archive; `compress: false` for bytes that are compressed already (PNG, WebP, JPEG). */
export type ZipEntry = { name: string; bytes: Uint8Array; compress: boolean; mtime?: Date };

/**
 * A ZIP written by fflate as a web ReadableStream, one entry per pull: the next entry (an image
 * read from storage, say) is asked for only when the reader has taken what came before, so at
 * most one file is held in memory and a slow download never makes the server read ahead.
 * Cancelling the stream (the client went away) stops the entries' iterator, so no more is read.
 */
export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
  const iterator = entries[Symbol.asyncIterator]();
  let zip: Zip | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        if (chunk.byteLength > 0) controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    async pull(controller) {
      if (!zip) return;
      try {
        const next = await iterator.next();
        if (next.done) return zip.end();
        const { name, bytes, compress, mtime } = next.value;
        const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
        if (mtime) file.mtime = mtime;
        zip.add(file);
        file.push(bytes, true);
      } catch (e) {
        controller.error(e);
        await iterator.return?.();
      }
    },
    async cancel() {
      zip?.terminate();
      await iterator.return?.();
    },
  });
}
