/**
 * Models miscount characters. A prompt over the backend's limit would be rejected later, far
 * from its cause, so it is cut here at the last clause boundary that fits, and the cut noted.
 */
export function fitToCharBudget(prompt: string, maxChars: number | undefined): { prompt: string; cut: boolean } {
  if (!maxChars || prompt.length <= maxChars) return { prompt, cut: false };
  const head = prompt.slice(0, maxChars);
  const boundary = Math.max(head.lastIndexOf(". "), head.lastIndexOf(", "), head.lastIndexOf("; "));
  // A boundary too near the start would throw away most of the prompt; a word break will do.
  const at = boundary >= maxChars * 0.6 ? boundary + 1 : head.lastIndexOf(" ");
  const cut = (at > 0 ? head.slice(0, at) : head).replace(/[\s,;]+$/, "");
  return { prompt: cut, cut: true };
}
