import "server-only";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { LIMITS } from "@/lib/schemas/common";
import type { Idea, LibraryEntry, Page, PromptVersion } from "@/lib/schemas/entities";
import { deps } from "./deps";

const notFound = () => new AppError("not_found", "The library entry was not found.");

/** Stars a version under a name; starring a starred version renames its entry (`created` false). */
export async function starVersion(versionId: string, name: string): Promise<{ entry: LibraryEntry; created: boolean }> {
  const starred = await deps().store.starVersion({
    id: newId(),
    versionId,
    name,
    createdAt: new Date().toISOString(),
  });
  if (!starred) throw new AppError("not_found", "The version was not found.");
  return starred;
}

export async function listLibrary(query: { cursor?: string; limit?: number; q?: string }): Promise<Page<LibraryEntry>> {
  return deps().store.listLibrary({ ...query, limit: query.limit ?? LIMITS.pageSize });
}

export async function renameLibraryEntry(id: string, name: string): Promise<LibraryEntry> {
  const entry = await deps().store.renameLibraryEntry(id, name);
  if (!entry) throw notFound();
  return entry;
}

export async function deleteLibraryEntry(id: string): Promise<void> {
  if (!(await deps().store.deleteLibraryEntry(id))) throw notFound();
}

/**
 * A new idea from an entry: its first version is the entry's prompt as kept (an edit with no
 * parent, like an imported prompt), with no locks: they belonged to the old tree.
 */
export async function startIdeaFromEntry(id: string): Promise<{ idea: Idea; version: PromptVersion }> {
  const { store } = deps();
  const entry = await store.getLibraryEntry(id);
  if (!entry) throw notFound();
  const now = new Date().toISOString();
  const idea: Idea = { id: newId(), text: entry.ideaText, title: entry.name, createdAt: now };
  const version: PromptVersion = {
    id: newId(),
    ideaId: idea.id,
    parentId: null,
    source: "edit",
    instruction: null,
    prompt: entry.prompt,
    negativePrompt: entry.negativePrompt,
    style: entry.style,
    dialect: entry.dialect,
    refiner: "manual",
    model: "manual",
    title: entry.name,
    notes: [`From the library: “${entry.name}”.`],
    parts: entry.parts,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: now,
  };
  await store.createIdeaWithVersion(idea, version);
  return { idea, version };
}
