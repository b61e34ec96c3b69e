/**
 * An APPROXIMATION of how many CLIP tokens a prompt costs (Stable Diffusion reads 75 per chunk,
 * 77 with start and end). We count words and punctuation marks, plus one more token per extra
 * ten letters of a long word, since CLIP's BPE splits rare long words. The attention syntax
 * "(red fox:1.2)" is counted as its words only, because AUTOMATIC1111 and ComfyUI strip the
 * brackets and weight before tokenizing. Real counts differ by a few tokens either way.
 */
export function approxClipTokens(text: string): number {
  const unweighted = text.replace(/:\s*-?\d+(?:\.\d+)?\s*\)/g, ")").replace(/[()[\]]/g, " ");
  let count = 0;
  for (const piece of unweighted.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []) {
    count += /^[\p{L}\p{N}]/u.test(piece) ? 1 + Math.floor(piece.length / 10) : 1;
  }
  return count;
}
