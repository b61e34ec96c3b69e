import { countBefore, findTerms, type Occurrence } from "@/lib/backends/offline/analyze-scene";
import type { SceneManifest } from "@/lib/backends/offline/manifest";
import type { CheckItem, CheckResultItem, Verdict } from "@/lib/schemas/checks";

/*
 * The offline judge's reading (issue 11): one checklist item against the offline sketch's scene
 * manifest. The item is read with the renderer's own vocabulary (lexicon.ts), so a word the
 * renderer can draw is a word it can be checked on. Whatever the manifest does not record (text,
 * most relations, poses, the colour of anything but the subject, words the renderer does not know)
 * is `unsure`, and the reason says so: never a guess. Pure, no I/O.
 */

type Answer = { verdict: Verdict; reason: string };
const pass = (reason: string): Answer => ({ verdict: "pass", reason });
const fail = (reason: string): Answer => ({ verdict: "fail", reason });
const unsure = (reason: string): Answer => ({ verdict: "unsure", reason });

const SKY_WORDS = { moon: ["moon", "moonlit", "moonlight"], sun: ["sun", "sunlit", "sunshine"] } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : word.endsWith("x") || word.endsWith("s") ? "es" : "s"}`;
}

function of(terms: Occurrence[], category: Occurrence["category"]): Occurrence[] {
  return terms.filter((t) => t.category === category);
}

/** How many of a kind the sketch holds: the subjects drawn, and for birds the flock in the sky too. */
function drawnCount(manifest: SceneManifest, kind: string): number {
  const subjects = manifest.subjects.filter((s) => s.kind === kind).reduce((n, s) => n + s.count, 0);
  return kind === "bird" ? subjects + manifest.sky.birds : subjects;
}

function readText(item: CheckItem): { tokens: string[]; terms: Occurrence[] } {
  const fromText = findTerms(item.text);
  if (fromText.terms.length > 0 || item.words.length === 0) return fromText;
  return findTerms(item.words.join(" "));
}

function hasWord(tokens: string[], words: readonly string[]): boolean {
  return tokens.some((t) => words.includes(t));
}

function readSky(tokens: string[], manifest: SceneManifest): Answer | undefined {
  if (hasWord(tokens, SKY_WORDS.moon)) {
    const phase = tokens.includes("full") ? "full" : tokens.includes("crescent") ? "crescent" : null;
    if (!manifest.sky.moon) return fail("The sketch has no moon in its sky.");
    if (phase && phase !== manifest.sky.moon)
      return fail(`The sketch's moon is a ${manifest.sky.moon} moon, not a ${phase} one.`);
    return pass(`The sketch draws a ${manifest.sky.moon} moon.`);
  }
  if (hasWord(tokens, SKY_WORDS.sun)) {
    return manifest.sky.sun ? pass("The sketch draws the sun.") : fail("The sketch has no sun in its sky.");
  }
  if (tokens.includes("stars") || tokens.includes("starry")) {
    return manifest.sky.stars ? pass("The sketch draws stars.") : fail("The sketch has no stars.");
  }
  return undefined;
}

function readCount(tokens: string[], terms: Occurrence[], manifest: SceneManifest): Answer {
  const subject = of(terms, "subject")[0];
  if (!subject) return unsure("The offline sketch does not know what this item counts.");
  const wanted =
    countBefore(tokens, subject.pos) ?? (tokens.includes("one") || tokens.includes("single") ? 1 : undefined);
  if (wanted === undefined) return unsure("The item names no number the offline check can read.");
  const drawn = drawnCount(manifest, subject.tag);
  return drawn === wanted
    ? pass(`The sketch draws ${plural(drawn, subject.tag)}.`)
    : fail(`The sketch draws ${plural(drawn, subject.tag)}, not ${wanted}.`);
}

function readEntity(tokens: string[], terms: Occurrence[], manifest: SceneManifest): Answer {
  const subject = of(terms, "subject")[0];
  if (subject) {
    const drawn = drawnCount(manifest, subject.tag);
    return drawn > 0
      ? pass(`The sketch draws ${plural(drawn, subject.tag)}.`)
      : fail(`The sketch has no ${subject.tag}.`);
  }
  const sky = readSky(tokens, manifest);
  if (sky) return sky;
  if (of(terms, "extra").some((t) => t.tag === "aurora")) {
    return manifest.sky.aurora ? pass("The sketch draws an aurora.") : fail("The sketch has no aurora.");
  }
  return unsure("The scene manifest does not list this; the offline check cannot say whether it is there.");
}

function readAttribute(tokens: string[], terms: Occurrence[], manifest: SceneManifest): Answer {
  const subject = of(terms, "subject")[0];
  const colors = of(terms, "color");
  if (subject && colors.length > 0) {
    const wanted = colors[0]?.tag;
    const drawn = manifest.subjects.find((s) => s.kind === subject.tag);
    if (!drawn) return fail(`The sketch has no ${subject.tag}, so none is ${wanted}.`);
    if (drawn.color === wanted) return pass(`The sketch paints the ${subject.tag} ${wanted}.`);
    if (drawn.color) return fail(`The sketch paints the ${subject.tag} ${drawn.color}, not ${wanted}.`);
    return unsure(`The ${subject.tag} is drawn in the palette's own colours, which the manifest does not name.`);
  }
  if (!subject && colors.length > 0 && of(terms, "extra").length === 0) {
    // A colour for the whole picture ("a red palette").
    const missing = colors.filter((c) => !manifest.colors.includes(c.tag as SceneManifest["colors"][number]));
    if (missing.length === 0) return pass(`The sketch's palette leans ${colors.map((c) => c.tag).join(" and ")}.`);
    return unsure("The manifest records the colours the picture leans to, and this one is not among them.");
  }
  const sky = readSky(tokens, manifest);
  if (sky) return sky;
  return unsure("The manifest records only the subject's colour; it cannot speak to this attribute.");
}

function readSetting(tokens: string[], terms: Occurrence[], manifest: SceneManifest): Answer {
  const misses: string[] = [];
  const hits: string[] = [];
  const sky = readSky(tokens, manifest);
  if (sky) (sky.verdict === "pass" ? hits : misses).push(sky.reason);
  const time = of(terms, "time")[0];
  if (time) {
    if (time.tag === manifest.time) hits.push(`it is ${time.tag} in the sketch`);
    else misses.push(`it is ${manifest.time} in the sketch, not ${time.tag}`);
  }
  for (const w of of(terms, "weather")) {
    if (manifest.weather.includes(w.tag as SceneManifest["weather"][number])) hits.push(`it draws ${w.tag}`);
    else misses.push(`it draws no ${w.tag}`);
  }
  for (const p of of(terms, "setting")) {
    if (manifest.place.includes(p.tag as SceneManifest["place"][number])) hits.push(`it is set in a ${p.tag}`);
    else misses.push(`it has no ${p.tag}`);
  }
  if (misses.length > 0) return fail(sentence(misses));
  if (hits.length > 0) return pass(sentence(hits));
  return unsure("The manifest's place, time, weather and sky do not speak to this item.");
}

function readStyle(terms: Occurrence[], manifest: SceneManifest): Answer {
  const medium = of(terms, "medium")[0];
  const tones = of(terms, "tone");
  if (medium) {
    return medium.tag === manifest.medium
      ? pass(`The sketch is drawn as ${manifest.medium}.`)
      : fail(`The sketch is drawn as ${manifest.medium}, not ${medium.tag}.`);
  }
  if (tones.length > 0) {
    const missing = tones.filter((t) => !manifest.tones.includes(t.tag as SceneManifest["tones"][number]));
    return missing.length === 0
      ? pass(`The sketch is graded ${tones.map((t) => t.tag).join(" and ")}.`)
      : fail(`The sketch is not graded ${missing.map((t) => t.tag).join(" or ")}.`);
  }
  return unsure(
    `The offline sketch knows the media flat, watercolor, pixel, ink and painterly; the manifest cannot speak to this style.`,
  );
}

/** Relations the manifest models: a subject under the moon, the sun or the stars (the sky is above everything). */
function readRelation(tokens: string[], terms: Occurrence[], manifest: SceneManifest): Answer {
  const under = hasWord(tokens, ["under", "beneath", "below", "underneath"]);
  const sky = under ? readSky(tokens, manifest) : undefined;
  const subject = of(terms, "subject")[0];
  if (sky && subject) {
    if (drawnCount(manifest, subject.tag) === 0) return fail(`The sketch has no ${subject.tag}.`);
    return sky.verdict === "pass" ? pass(`${sky.reason} The ${subject.tag} stands below it.`) : sky;
  }
  return unsure("The scene manifest does not record where things stand relative to one another.");
}

function sentence(parts: string[]): string {
  // Parts may be whole sentences already ("The sketch draws a full moon."): no ".;" between them.
  const text = parts.map((p, i) => (i < parts.length - 1 ? p.replace(/\.$/, "") : p)).join("; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith(".") ? "" : "."}`;
}

/** One item's verdict and reason, read against the manifest. */
export function judgeItem(item: CheckItem, manifest: SceneManifest): CheckResultItem {
  const answer = readItem(item, manifest);
  return { checkId: item.id, text: item.text, kind: item.kind, ...answer };
}

function readItem(item: CheckItem, manifest: SceneManifest): Answer {
  if (item.kind === "text") {
    return unsure("The scene manifest does not record text in the picture; the offline check cannot read it.");
  }
  const { tokens, terms } = readText(item);
  switch (item.kind) {
    case "count":
      return readCount(tokens, terms, manifest);
    case "entity":
      return readEntity(tokens, terms, manifest);
    case "attribute":
      return readAttribute(tokens, terms, manifest);
    case "setting":
      return readSetting(tokens, terms, manifest);
    case "style":
      return readStyle(terms, manifest);
    case "relation":
      return readRelation(tokens, terms, manifest);
  }
}
