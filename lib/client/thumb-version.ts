/**
 * The version in a thumbnail's URL (`/api/images/<id>/thumb?v=…`, issue 12): the first 16 hex
 * digits (64 bits) of the SHA-256 of its full image's bytes. Other bytes, another URL, so the
 * answer at a versioned URL can be cached for a year. The thumbnail is a function of those bytes
 * and of how thumbnails are made (lib/store/image-format.ts): a change there must change this too
 * (e.g. hash the two together), or browsers keep the old thumbnails.
 */
export function thumbVersion(contentHash: string): string {
  return contentHash.slice(0, 16);
}
