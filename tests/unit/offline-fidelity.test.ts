/**
 * Issue 16 §2, §3 and §5, for a first refinement by the offline refiner: it keeps what the
 * idea says (colours, counts, lens, medium, viewpoint, quoted text), keeps prompt syntax typed
 * into the Idea box verbatim, never repeats a long idea, titles keep quotes whole, and the
 * notes tell the truth. Every reproduction from the issue, in both dialects where it applies.
 */
import { describe, expect, it } from "vitest";
import { approxClipTokens, refineOffline } from "@/lib/refine/offline";
import { polishProse } from "@/lib/refine/offline/english";
import { buildSystemPrompt } from "@/lib/refine/system-prompt";
import { clipTitle, unwrapTitle } from "@/lib/refine/title-text";
import type { RefineInput } from "@/lib/refine/types";
import { RefineBodySchema } from "@/lib/schemas/api";
import type { Dialect } from "@/lib/schemas/common";

const DIALECTS: readonly Dialect[] = ["prose", "tags"];

function refine(idea: string, dialect: Dialect, extra: Partial<RefineInput> = {}) {
  return refineOffline({ idea, dialect, ...extra });
}

/** "Added lighting: a; b." → ["a", "b"] */
function added(notes: readonly string[], part: string): string[] {
  const note = notes.find((n) => n.startsWith(`Added ${part}: `));
  return note ? note.slice(`Added ${part}: `.length).replace(/\.$/, "").split("; ") : [];
}

const GLUE = new Set("a an the in on at of with".split(" "));
const wordsOf = (text: string) =>
  text
    .replace(/:\s*\d+(?:\.\d+)?\)/g, ")")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];

/**
 * The idea's words appear in the prompt in their order, with nothing but glue words ("a",
 * "the", "in"…) between them: what "Kept every word of the idea." promises.
 */
function keptAsWritten(idea: string, prompt: string): boolean {
  const want = wordsOf(idea).filter((w) => !GLUE.has(w));
  const have = wordsOf(prompt);
  for (let start = 0; start < have.length; start++) {
    if (have[start] !== want[0]) continue;
    let i = start;
    let ok = true;
    for (const w of want) {
      while (i < have.length && GLUE.has(have[i] as string) && have[i] !== w) i++;
      if (have[i] !== w) {
        ok = false;
        break;
      }
      i++;
    }
    if (ok) return true;
  }
  return false;
}

describe("§2 colours and counts from the idea are kept, with their bindings", () => {
  const idea = "three cats sitting on a windowsill, one orange, two grey";
  it.each(DIALECTS)("%s: no 'sleek black' cats, no other colour on them", (dialect) => {
    const { prompt, notes } = refine(idea, dialect);
    expect(prompt.toLowerCase()).toContain("three cats");
    expect(prompt).toMatch(/\bone orange, two grey\b/);
    expect(prompt).not.toMatch(/\b(black|ginger|tabby|white|brown|golden)\b/i);
    expect(notes.join(" ")).not.toMatch(/sleek|ginger/);
    expect(keptAsWritten(idea, prompt)).toBe(true);
    expect(notes).toContain("Kept every word of the idea.");
    expect(notes).toContain("Kept the idea's own colours (orange, grey), so no palette was added.");
  });

  it("still makes a bare subject specific when the idea names no colour, and says it added the word", () => {
    const { prompt, notes } = refine("a cat on a windowsill", "prose");
    expect(prompt).toMatch(/^A (ginger tabby|sleek black) cat on a windowsill/);
    expect(
      notes.some((n) => /^Kept every word of the idea, and added "(ginger tabby|sleek black)" before "cat"/.test(n)),
    ).toBe(true);
  });
});

describe("§2 lens, medium and backdrop of a product shot are kept", () => {
  const idea = "product shot of a pour-over dripper, 85mm, seamless beige backdrop";
  it.each(DIALECTS)("%s: no 35mm, no matte painting, no sweeping wide composition", (dialect) => {
    const { prompt, notes } = refine(idea, dialect);
    expect(keptAsWritten(idea, prompt)).toBe(true);
    expect(prompt.match(/\d+\s?mm/g)).toEqual(["85mm"]);
    expect(prompt).not.toMatch(/matte painting|painting|illustration|landscape|sweeping|wide|low angle|horizon/i);
    expect(added(notes, "medium")).toEqual([]);
    expect(added(notes, "composition")).toEqual([]);
    expect(notes).toContain("Kept the idea's own medium (product shot), so no other was added.");
    expect(notes).toContain("Kept the idea's own lens (85mm), so no other camera or framing was added.");
    // A backdrop is a studio: studio light, and nothing of a place around it.
    expect(added(notes, "lighting").join(" ")).toMatch(/studio/);
    expect(added(notes, "setting detail")).toEqual([]);
  });
});

describe("§2 a flat vector logo gets flat-graphic craft words, not photographic ones", () => {
  it.each(
    DIALECTS.flatMap((d) => [
      [d, "flat vector logo of a mountain fox, minimal"],
      [d, "a minimalist flat logo for a coffee roaster, a fox holding a cup"],
    ]),
  )("%s: %s", (dialect, idea) => {
    const { prompt, notes } = refine(idea, dialect);
    expect(prompt).not.toMatch(
      /key light|window light|\blit\b|layered depth|material texture|fur texture|depth of field|\blens\b|film grain|brushwork|catchlights|highly detailed|amber eyes/i,
    );
    expect(added(notes, "lighting")).toEqual([]);
    expect(added(notes, "detail").join(" ")).toMatch(/vector|flat/);
  });
});

describe("§2 the setting and viewpoint follow the idea", () => {
  it.each(DIALECTS)("%s: a neon sign above a rainy diner door is outside, not an interior", (dialect) => {
    const { prompt, notes } = refine("a neon sign above a rainy diner door", dialect);
    expect(prompt).toMatch(/neon sign above a rainy diner door/i);
    expect(prompt).not.toMatch(/interior|back of the room|back wall|booths|stools|doorway view|lived-in|wood tones/i);
    expect(notes[0]).toContain('setting "rainy diner" (seen from outside)');
  });

  it("an idea inside the diner still gets the interior", () => {
    expect(refine("an astronaut reading a newspaper in a 1950s diner", "prose").prompt).toMatch(
      /booths|stools|interior/,
    );
  });
});

describe("§2 the notes tell the truth", () => {
  const IDEAS = [
    "a fox in the snow, cozy",
    "three cats sitting on a windowsill, one orange, two grey",
    "product shot of a pour-over dripper, 85mm, seamless beige backdrop",
    "a lighthouse on a cliff at dusk",
    "an old fisherman mending nets",
  ];
  it.each(DIALECTS.flatMap((d) => IDEAS.map((i) => [d, i] as const)))(
    "%s %j: 'Kept every word' only when nothing was put inside the idea; every 'Added' phrase is in the prompt",
    (dialect, idea) => {
      const { prompt, notes } = refine(idea, dialect);
      if (notes.includes("Kept every word of the idea.")) expect(keptAsWritten(idea, prompt)).toBe(true);
      const epithet = notes.find((n) => n.startsWith("Kept every word of the idea, and added"));
      if (epithet) {
        // The word said to be added sits right before the subject it names.
        const [, word, subject] = /added "([^"]+)" before "([^"]+)"/.exec(epithet) ?? [];
        expect(prompt.toLowerCase()).toContain(`${word} ${subject}`.toLowerCase());
      }
      expect(notes.filter((n) => n.startsWith("Kept every word")).length).toBe(1);
      for (const note of notes.filter((n) => n.startsWith("Added "))) {
        const part = /^Added ([a-z ]+):/.exec(note)?.[1] as string;
        for (const phrase of added(notes, part)) expect(prompt.toLowerCase()).toContain(phrase.toLowerCase());
      }
    },
  );

  it("says which word it added before the subject, in the same note", () => {
    const { notes } = refine("a fox in the snow", "prose");
    expect(notes).toContain('Kept every word of the idea, and added "red" before "fox" to make the subject specific.');
    expect(notes).not.toContain("Kept every word of the idea.");
  });
});

describe("§2 quoted text in the idea is kept exactly", () => {
  it.each(DIALECTS)("%s: lettering keeps its case, commas, marks and repeated words", (dialect) => {
    const cases: [string, string][] = [
      ['a neon sign that says "OPEN 24 HOURS" above a rainy diner door', '"OPEN 24 HOURS"'],
      ['a chalkboard that reads "Soup, Bread & Tea. open late!" outside a cafe', '"Soup, Bread & Tea. open late!"'],
      ['a protest banner reading "no no no" in a city square', '"no no no"'],
      ['A SHOP SIGN THAT SAYS "Open Late" ON A STREET', '"Open Late"'],
      ["a poster with “Café Noir” in gold letters", "“Café Noir”"],
    ];
    for (const [idea, quote] of cases) {
      const { prompt, notes } = refine(idea, dialect);
      expect(prompt, idea).toContain(quote);
      expect(notes).toContain(`Kept the quoted text exactly: ${quote}.`);
    }
  });

  it("does not read lettering as a mood or the weather", () => {
    const { notes } = refine('a sign that says "HAPPY RAINY DAY" on a shop door', "prose");
    expect(notes[0] ?? "").not.toMatch(/mood|weather/);
  });

  it("still drops quotes around the whole idea", () => {
    expect(refine('"a fox in the snow"', "prose").prompt).not.toContain('"');
  });
});

describe("§3 prompt syntax in the Idea box is kept verbatim", () => {
  const body = "(masterpiece:1.2), 1girl, red hood, forest, <lora:foo:0.8>";
  const params = "--ar 2:3 --no text --style raw --v 6";

  it.each(DIALECTS)("%s: A1111 weights and LoRA lead as typed; Midjourney parameters end the prompt", (dialect) => {
    const { prompt, notes } = refine(`${body} ${params}`, dialect);
    expect(prompt.startsWith(body)).toBe(true);
    expect(prompt.endsWith(params)).toBe(true);
    expect(prompt).not.toContain("(Masterpiece, 1, 2)");
    expect(prompt).not.toContain("--ar 2, 3");
    expect(prompt).not.toContain("<lora, foo");
    expect(prompt.split("--ar").length).toBe(2);
    expect(notes).toContain(
      `Kept the Midjourney parameters "${params}" as typed, at the end where Midjourney reads them.`,
    );
    expect(notes).toContain("Kept the idea exactly as typed, prompt syntax and all, and wrote around it.");
  });

  it.each(DIALECTS)("%s: a tag list stays a tag list, not a cinematic landscape photograph", (dialect) => {
    const { prompt, notes } = refine("1girl, red hood, forest", dialect);
    expect(prompt.startsWith("1girl, red hood, forest")).toBe(true);
    expect(prompt).not.toMatch(/landscape|photograph|matte painting|sweeping/i);
    expect(added(notes, "medium")).toEqual([]);
  });

  it.each(DIALECTS)("%s: [x], ((x)), BREAK and typed quality tags are kept once", (dialect) => {
    const idea = "masterpiece, best quality, 1girl, ((red hood)), [blurry], forest BREAK wolf, night";
    const { prompt, notes } = refine(idea, dialect);
    expect(prompt.startsWith(idea)).toBe(true);
    expect(prompt.match(/masterpiece/g)).toHaveLength(1);
    expect(prompt.match(/best quality/g)).toHaveLength(1);
    expect(added(notes, "quality tags")).not.toContain("masterpiece");
  });

  it.each(DIALECTS)("%s: Midjourney :: weights and --no lists", (dialect) => {
    const { prompt } = refine("cat::2 dog::1 --v 6 --no text, watermark", dialect);
    expect(prompt.startsWith("cat::2 dog::1")).toBe(true);
    expect(prompt.endsWith("--v 6 --no text, watermark")).toBe(true);
  });

  it.each(DIALECTS)("%s: a plain idea with Midjourney parameters is refined, and the parameters go last", (dialect) => {
    const { prompt } = refine("a fox in the snow --ar 2:3", dialect);
    expect(prompt).toMatch(/fox/);
    expect(prompt.endsWith(" --ar 2:3")).toBe(true);
    expect(prompt.split("--ar").length).toBe(2);
  });

  it("the shared prose finish leaves syntax alone: no capital on a weight, no full stop after parameters", () => {
    expect(polishProse("(masterpiece:1.2), 1girl, red hood. lit by the moon. --ar 2:3 --no text")).toBe(
      "(masterpiece:1.2), 1girl, red hood. Lit by the moon. --ar 2:3 --no text",
    );
  });

  it("the chat refiner is told to keep prompt syntax verbatim, parameters last", () => {
    for (const dialect of DIALECTS) {
      const system = buildSystemPrompt({ dialect, mode: "json_schema", followUp: false });
      expect(system).toContain("keep every piece of it verbatim, character for character");
      expect(system).toContain("(masterpiece:1.2)");
      expect(system).toContain("--ar 2:3");
      expect(system).toContain("at the very end of the prompt");
    }
  });

  it("keeps the parameters inside the budget", () => {
    const { prompt } = refine("a fox in the snow --ar 2:3 --v 6", "prose", { budget: { maxChars: 200 } });
    expect(prompt.length).toBeLessThanOrEqual(200);
    expect(prompt.endsWith("--ar 2:3 --v 6")).toBe(true);
  });
});

describe("§3 long ideas: never repeated, within the budget", () => {
  // The issue's paste: one passage over and over, cut at 2,000 characters mid-word.
  const passage =
    "A lighthouse keeper walks along the cliff at dusk with a lantern, gulls wheeling over the grey sea below. ";
  const pasted = passage.repeat(40).slice(0, 2000);

  it.each([
    ["prose", { maxChars: 4000 }],
    ["tags", { maxTokens: 75, maxChars: 4000 }],
  ] as const)(
    "%s: a repeated passage is said once, the cut-off fragment is dropped, and it fits",
    (dialect, budget) => {
      const { prompt, notes } = refine(pasted, dialect, { budget });
      expect(prompt.match(/walks along the cliff at dusk/g)).toHaveLength(1);
      expect(prompt.match(/gulls wheeling/g)).toHaveLength(1);
      expect(prompt).not.toMatch(/\bgr\b/);
      expect(prompt.length).toBeLessThanOrEqual(4000);
      if (dialect === "tags") expect(approxClipTokens(prompt)).toBeLessThanOrEqual(75);
      expect(notes.some((n) => n.startsWith("The idea repeats itself"))).toBe(true);
    },
  );

  it("a long varied idea within the limit has no sentence twice and fits the offline backend", () => {
    const sentences = [
      "A lighthouse keeper walks along the cliff at dusk with a lantern in one hand",
      "The sea below is churning grey and white while gulls wheel overhead",
      "Far out a fishing boat heads for the harbour with its lights small against the dark water",
      "In the village behind him chimneys smoke and a dog barks at the baker's gate",
      "Rain is coming in from the west as a dark curtain under the clouds",
      "His daughter waits at the top of the stairs in a yellow raincoat holding a tin mug of tea",
      "The old tower is white with a red band and its glass lamp room is already turning",
      "Below the cliff waves break over black rocks slick with weed",
      "A sheep path winds through heather and gorse toward the lighthouse door",
      "Somewhere a bell buoy clangs slow and patient",
    ];
    let idea = "";
    for (let i = 0; idea.length < 1800; i++) idea += `${sentences[i % sentences.length]} number ${i + 1}. `;
    expect(idea.trim().length).toBeLessThanOrEqual(2000);
    const { prompt } = refine(idea, "prose", { budget: { maxChars: 4000 } });
    expect(prompt.length).toBeLessThanOrEqual(4000);
    const said = prompt.split(/(?<=[.!?])\s+|,\s+/).map((s) => s.toLowerCase().trim());
    const long = said.filter((s) => s.split(/\s+/).length >= 4);
    expect(new Set(long).size).toBe(long.length);
  });

  it("the API refuses an idea over 2,000 characters with both numbers, and takes 2,000", () => {
    const over = RefineBodySchema.safeParse({ idea: "x".repeat(6900) });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toBe("the idea is 6,900 characters; the limit is 2,000");
    expect(RefineBodySchema.safeParse({ idea: "x".repeat(2000) }).success).toBe(true);
  });
});

describe("§5 auto-titles keep quoted text whole", () => {
  it.each(DIALECTS)("%s: the neon sign's title closes its quote", (dialect) => {
    const { title } = refine('a neon sign that says "OPEN 24 HOURS" above a rainy diner door', dialect);
    expect(title).toBe('Neon Sign That Says "OPEN 24 HOURS"');
  });

  it("keeps lettering's own case in a title, and never cuts inside a quote", () => {
    expect(refine('a hand-painted shop sign reading "open late" over the door', "prose").title).toContain(
      '"open late"',
    );
    const long = refine(
      'a painted banner that says "WELCOME HOME TO THE GRAND REOPENING OF THE OLD HARBOUR MARKET" on a street',
      "prose",
    ).title;
    expect(long.length).toBeLessThanOrEqual(60);
    expect((long.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it("the chat refiner's titles use the same rule", () => {
    expect(unwrapTitle('Neon Sign "OPEN 24 HOURS"')).toBe('Neon Sign "OPEN 24 HOURS"');
    expect(unwrapTitle('"Fox in the Snow".')).toBe("Fox in the Snow");
    const clipped = clipTitle('Neon Sign That Says "OPEN 24 HOURS ALL NIGHT LONG"', 30);
    expect(clipped).toBe("Neon Sign That Says");
  });
});
