/**
 * An estimate of how many T5 tokens (FLUX's and SD3's long text encoder, T5-XXL with its 32,000-piece
 * SentencePiece vocabulary) a prompt takes. Not the real tokenizer on purpose: no small, kept-up
 * npm package ships T5's SentencePiece model, and a SentencePiece runtime plus the 800 kB vocabulary
 * would cost the server memory for a number the budget only needs roughly. Everything that shows
 * it says "estimate".
 *
 * How it counts, from how T5's pieces fall on English: a common word of up to 7 letters is one
 * piece (with its leading space), a longer one about one piece per 6 letters (photo·real·istic),
 * digits go in pairs, each punctuation mark is a piece, anything outside ASCII about one a
 * character, and the end-of-sequence token is one. It errs high, so a prompt kept inside the
 * estimate stays inside the real budget.
 */
export function estimateT5Tokens(text: string): number {
  const trimmed = text.trim();
  if (!trimmed) return 0;
  let tokens = 1; // </s>
  for (const piece of trimmed.match(/[A-Za-z]+|\d+|\S/g) ?? []) {
    if (/^[A-Za-z]/.test(piece)) tokens += piece.length <= 7 ? 1 : Math.ceil(piece.length / 6);
    else if (/^\d/.test(piece)) tokens += Math.ceil(piece.length / 2);
    else tokens += 1;
  }
  return tokens;
}
