import "server-only";
import { AppError } from "@/lib/errors";
import { guessDialect } from "@/lib/prompt-formats/guess-dialect";
import { newId } from "@/lib/ids";
import { numberChecks } from "@/lib/refine/check-ids";
import type { EditBody } from "@/lib/schemas/api";
import type { PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";
import { carryOverParts } from "./parts";

/**
 * A manual edit (of the prompt, the checklist or both): a child of the version it was edited from,
 * or the first version of a new idea.
 */
export async function saveEdit(body: EditBody, opts: { note?: string } = {}): Promise<PromptVersion> {
  if (!("parentId" in body)) return saveImported(body, opts.note);
  const { store } = deps();
  const parent = await store.getVersion(body.parentId);
  if (!parent) throw new AppError("not_found", "The version to edit was not found.");
  const negativePrompt = body.negativePrompt === undefined ? parent.negativePrompt : body.negativePrompt || null;
  const version: PromptVersion = {
    ...parent,
    id: newId(),
    parentId: parent.id,
    source: "edit",
    instruction: null,
    prompt: body.prompt,
    negativePrompt,
    refiner: "manual",
    model: "manual",
    notes: editNotes(parent, body, negativePrompt),
    // The parts (and locks) whose words the edit left alone; the rest were rewritten.
    ...carryOverParts(parent, body.prompt, negativePrompt),
    direction: null,
    // An approval is of the parent's words: the edit starts unapproved.
    approvedAt: null,
    // The idea asks for the same things after a hand edit, unless the edit is of the checklist.
    checks: body.checks === undefined ? parent.checks : numberChecks(body.checks),
    createdAt: new Date().toISOString(),
  };
  // The same text saved twice (a page's keepalive save and the reloaded page's own) is one version.
  return store.saveEdit(version);
}

/** What the person changed by hand: the prompt, the checklist, or both. */
function editNotes(parent: PromptVersion, body: { prompt: string; checks?: unknown }, negativePrompt: string | null) {
  const wordsChanged = body.prompt !== parent.prompt || negativePrompt !== parent.negativePrompt;
  if (body.checks === undefined) return ["Edited by hand."];
  return [...(wordsChanged ? ["Edited by hand."] : []), "Checklist edited by hand."];
}

/**
 * A prompt from elsewhere (read from an image's metadata, or typed in the Studio: `verbatim`)
 * becomes a new idea, word for word. `note`: a line added to its notes, saying where it came from
 * (see PrepareOptions.note in refine.ts).
 */
async function saveImported(body: Exclude<EditBody, { parentId: string }>, note?: string): Promise<PromptVersion> {
  const { store } = deps();
  const now = new Date().toISOString();
  const idea = { id: newId(), text: body.idea, title: body.idea.slice(0, 60), createdAt: now };
  const version: PromptVersion = {
    id: newId(),
    ideaId: idea.id,
    parentId: null,
    source: body.source ?? "edit",
    instruction: null,
    prompt: body.prompt,
    negativePrompt: body.negativePrompt || null,
    style: null,
    dialect: guessDialect(body.prompt),
    refiner: "manual",
    model: "manual",
    title: idea.title,
    notes: [
      body.source === "verbatim"
        ? "Your prompt, as written; not refined."
        : "Written or imported by hand; not refined.",
      ...(note ? [note] : []),
    ],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: numberChecks(body.checks ?? []),
    createdAt: now,
  };
  await store.createIdeaWithVersion(idea, version);
  return version;
}
