/**
 * Store test setup shared by the store test files: rows made to measure at fixed times, and a
 * store opened on the dialect before each test (see ../store-dialects for the dialects).
 */
import { afterEach, beforeEach } from "vitest";
import type { Generation, PromptVersion } from "@/lib/schemas";
import type { NewIdea, NewImage, Store } from "@/lib/store/types";
import type { StoreDialect } from "../store-dialects";

// Fixed, distinct times so the ordering under test does not depend on the clock.
const BASE = Date.parse("2025-03-01T12:00:00.000Z");
export const at = (seconds: number) => new Date(BASE + seconds * 1000).toISOString();

export function idea(id: string, text = `idea ${id}`, createdAt = at(0)): NewIdea {
  return { id, text, title: `Title of ${id}`, createdAt };
}

export function version(id: string, ideaId: string, over: Partial<PromptVersion> = {}): PromptVersion {
  return {
    id,
    ideaId,
    parentId: null,
    source: "refine",
    instruction: null,
    prompt: `prompt of ${id}`,
    negativePrompt: null,
    style: null,
    dialect: "prose",
    refiner: "offline",
    model: "embedded",
    title: `Version ${id}`,
    notes: [],
    parts: null,
    locks: [],
    direction: null,
    approvedAt: null,
    checks: [],
    createdAt: at(1),
    ...over,
  };
}

export function generation(id: string, promptId: string, ideaId: string, over: Partial<Generation> = {}): Generation {
  return {
    id,
    promptId,
    ideaId,
    backend: "offline",
    model: "embedded-v1",
    params: { size: "512x512", n: 1 },
    status: "queued",
    progress: 0,
    error: null,
    createdAt: at(2),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    ...over,
  };
}

export function image(id: string, g: Generation, createdAt: string, over: Partial<NewImage> = {}): NewImage {
  return {
    id,
    generationId: g.id,
    promptId: g.promptId,
    ideaId: g.ideaId,
    width: 512,
    height: 512,
    seed: 42,
    mime: "image/png",
    byteSize: 1234,
    favorite: false,
    createdAt,
    ...over,
  };
}

/**
 * A store on `dialect` before each test, handed to `slot.set`; after the test, the store then in
 * the slot is closed (tests that re-open the store leave the new one there).
 */
export function openStoreEach(dialect: StoreDialect, slot: { get(): Store; set(store: Store): void }): void {
  beforeEach(() => {
    slot.set(dialect.open());
  });
  afterEach(async () => {
    await slot.get().close();
  });
}
