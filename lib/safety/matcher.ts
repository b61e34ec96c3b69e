import { type PhraseWord, parsePhrase, tokenize } from "./normalize";

/** Both sides already expanded to phrases (no "@list" references left). */
export type PairRule = { a: string[]; b: string[]; window: number };
export type CategoryRules = { label: string; terms: string[]; pairs: PairRule[] };

/** The policy in force: only enabled categories, in the order they are reported. */
export type ResolvedPolicy = { categories: Map<string, CategoryRules>; allow: string[] };

/** What matched, for the log (never shown to the person: it would teach the way around). */
export type PolicyHit = { category: string; rule: string };

type Span = { start: number; end: number; phrase: string };
type Compiled = { phrase: string; words: PhraseWord[] };

/** A list of phrases, indexed by first word so a long prompt is scanned once per list. */
class PhraseSet {
  private readonly exact = new Map<string, Compiled[]>();
  private readonly prefixed: Compiled[] = [];

  constructor(phrases: readonly string[]) {
    for (const phrase of phrases) {
      const words = parsePhrase(phrase);
      const first = words[0] as PhraseWord;
      const entry = { phrase, words };
      if (first.prefix) this.prefixed.push(entry);
      else {
        const list = this.exact.get(first.text) ?? [];
        list.push(entry);
        this.exact.set(first.text, list);
      }
    }
  }

  find(tokens: ReadonlyArray<string | null>): Span[] {
    const spans: Span[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      for (const c of this.exact.get(token) ?? []) if (matchesAt(tokens, i, c.words)) spans.push(span(i, c));
      for (const c of this.prefixed) if (matchesAt(tokens, i, c.words)) spans.push(span(i, c));
    }
    return spans;
  }
}

function span(start: number, c: Compiled): Span {
  return { start, end: start + c.words.length, phrase: c.phrase };
}

function matchesAt(tokens: ReadonlyArray<string | null>, at: number, words: PhraseWord[]): boolean {
  if (at + words.length > tokens.length) return false;
  return words.every((w, k) => {
    const token = tokens[at + k];
    if (!token) return false;
    return w.prefix ? token.startsWith(w.text) : token === w.text;
  });
}

/** Words between two spans; 0 when they touch or overlap. */
function gap(x: Span, y: Span): number {
  if (x.end <= y.start) return y.start - x.end;
  if (y.end <= x.start) return x.start - y.end;
  return 0;
}

type CompiledCategory = {
  id: string;
  terms: PhraseSet;
  pairs: Array<{ a: PhraseSet; b: PhraseSet; window: number }>;
};

/** The offline policy, compiled once: `check` answers which categories a text falls in. */
export class PolicyMatcher {
  private readonly allow: PhraseSet;
  private readonly compiled: CompiledCategory[];
  readonly labels: ReadonlyMap<string, string>;

  constructor(policy: ResolvedPolicy) {
    this.allow = new PhraseSet(policy.allow);
    this.compiled = [...policy.categories].map(([id, rules]) => ({
      id,
      terms: new PhraseSet(rules.terms),
      pairs: rules.pairs.map((p) => ({ a: new PhraseSet(p.a), b: new PhraseSet(p.b), window: p.window })),
    }));
    this.labels = new Map([...policy.categories].map(([id, rules]) => [id, rules.label]));
  }

  /** The first reason each category matched, in policy order; empty when the text passes. */
  check(text: string): PolicyHit[] {
    const tokens: Array<string | null> = tokenize(text);
    // Allowed phrases ("naked eye", "bloody mary") are blanked out first, so no rule can use their words.
    for (const s of this.allow.find(tokens)) for (let i = s.start; i < s.end; i++) tokens[i] = null;
    const hits: PolicyHit[] = [];
    for (const c of this.compiled) {
      const rule = firstRule(c, tokens);
      if (rule) hits.push({ category: c.id, rule });
    }
    return hits;
  }
}

function firstRule(c: CompiledCategory, tokens: ReadonlyArray<string | null>): string | undefined {
  const term = c.terms.find(tokens)[0];
  if (term) return `"${term.phrase}"`;
  for (const pair of c.pairs) {
    const as = pair.a.find(tokens);
    if (as.length === 0) continue;
    const bs = pair.b.find(tokens);
    for (const x of as) {
      const y = bs.find((b) => gap(x, b) <= pair.window);
      if (y) return `"${x.phrase}" near "${y.phrase}"`;
    }
  }
  return undefined;
}
