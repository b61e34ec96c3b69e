import "server-only";
import type { z } from "zod";
import {
  type Comparison,
  type ComparisonCell,
  DialectSchema,
  ErrorInfoSchema,
  type Generation,
  type GenerationParams,
  GenerationParamsSchema,
  GenerationStatusSchema,
  type Idea,
  type Image,
  type LibraryEntry,
  PART_NAMES,
  type PartName,
  type PromptParts,
  PromptSourceSchema,
  type PromptVersion,
  StyleIdSchema,
  type StyleSnapshot,
  StyleSnapshotSchema,
} from "@/lib/schemas";
import { type CheckItem, CheckItemSchema, MAX_CHECKS } from "@/lib/schemas/checks";
import { type Feedback, type Share, ShareKindSchema } from "@/lib/schemas/shares";
import type {
  ComparisonCellRow,
  ComparisonRow,
  FeedbackRow,
  GenerationRow,
  IdeaRow,
  ImageJoinedRow,
  ImageRow,
  LibraryEntryRow,
  ShareRow,
  VersionRow,
} from "./database";
import type { GenerationPatch, NewFeedback, NewImage, NewShare, ShareRecord } from "./types";

/*
 * Rows ⇄ entities. Reads are forgiving: a JSON column or enum that no longer parses (an old
 * row, a style preset since removed) degrades to a safe value instead of breaking a whole page.
 */

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function oneOf<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

function notesFrom(text: string): string[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.filter((n): n is string => typeof n === "string") : [];
}

/** Keeps each known field that still validates and drops the rest. */
function paramsFrom(text: string): GenerationParams {
  const value = parseJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const shape = GenerationParamsSchema.shape;
  const params: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const parsed = field.safeParse((value as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) params[key] = parsed.data;
  }
  return params as GenerationParams;
}

/** Each known part that is a non-empty string; null when there is no object at all (unknown). */
export function partsFrom(text: string | null): PromptParts | null {
  const value = parseJson(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const parts: PromptParts = {};
  for (const name of PART_NAMES) {
    const part = (value as Record<string, unknown>)[name];
    if (typeof part === "string" && part.trim() !== "") parts[name] = part;
  }
  return parts;
}

function partsToColumn(parts: PromptParts | null): string | null {
  return parts === null ? null : JSON.stringify(parts);
}

/** Known part names, each once, in anatomy order. */
function locksFrom(text: string): PartName[] {
  const value = parseJson(text);
  if (!Array.isArray(value)) return [];
  return PART_NAMES.filter((name) => value.includes(name));
}

export function locksToColumn(locks: readonly PartName[]): string {
  return JSON.stringify(PART_NAMES.filter((name) => locks.includes(name)));
}

/** Each item that still validates (an old row, or no column before 0008: none), at most MAX_CHECKS. */
function checksFrom(text: string | null | undefined): CheckItem[] {
  const value = parseJson(text ?? null);
  if (!Array.isArray(value)) return [];
  const items: CheckItem[] = [];
  for (const entry of value) {
    const parsed = CheckItemSchema.safeParse(entry);
    if (parsed.success && items.length < MAX_CHECKS) items.push(parsed.data);
  }
  return items;
}

/** One spelling per checklist (keys in a fixed order), so an edit's dedupe can compare the text. */
export function checksToColumn(checks: readonly CheckItem[]): string {
  return JSON.stringify(checks.map(({ id, text, kind, words }) => ({ id, text, kind, words })));
}

function errorFrom(text: string | null): Generation["error"] {
  return oneOf(ErrorInfoSchema.nullable(), parseJson(text) ?? null, null);
}

/**
 * ISO strings sort as text only in one exact shape, and (created_at, id) ordering depends on it,
 * so every time is stored as Date#toISOString() gives it.
 */
export function toDbTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`Promptsmith store: not an ISO 8601 time: ${JSON.stringify(iso)}`);
  return new Date(ms).toISOString();
}

function toDbTimeOrNull(iso: string | null): string | null {
  return iso === null ? null : toDbTime(iso);
}

function clampProgress(progress: number): number {
  return Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
}

export function ideaFromRow(row: IdeaRow): Idea {
  return { id: row.id, text: row.text, title: row.title, createdAt: row.created_at };
}

export function ideaToRow(idea: Idea): IdeaRow {
  return { id: idea.id, text: idea.text, title: idea.title, created_at: toDbTime(idea.createdAt) };
}

/** Absent rather than null when none (as houseRulesVersion): an older version reads as it always did. */
function styleUsedFrom(column: string | null | undefined): { styleUsed?: StyleSnapshot } {
  if (!column) return {};
  try {
    const parsed = StyleSnapshotSchema.safeParse(JSON.parse(column));
    return parsed.success ? { styleUsed: parsed.data } : {};
  } catch {
    return {};
  }
}

export function versionFromRow(row: VersionRow): PromptVersion {
  return {
    id: row.id,
    ideaId: row.idea_id,
    parentId: row.parent_id,
    source: oneOf(PromptSourceSchema, row.source, "refine"),
    instruction: row.instruction,
    prompt: row.prompt,
    negativePrompt: row.negative_prompt,
    style: oneOf(StyleIdSchema.nullable(), row.style, null),
    dialect: oneOf(DialectSchema, row.dialect, "prose"),
    refiner: row.refiner,
    model: row.model,
    title: row.title,
    notes: notesFrom(row.notes),
    parts: partsFrom(row.parts),
    locks: locksFrom(row.locks),
    direction: row.direction,
    approvedAt: row.approved_at,
    checks: checksFrom(row.checks),
    createdAt: row.created_at,
    // Absent rather than null when none: a version made without house rules reads as it always did.
    ...(row.house_rules_version != null ? { houseRulesVersion: Number(row.house_rules_version) } : {}),
    ...styleUsedFrom(row.style_used),
  };
}

export function versionToRow(v: PromptVersion): VersionRow {
  return {
    id: v.id,
    idea_id: v.ideaId,
    parent_id: v.parentId,
    source: v.source,
    instruction: v.instruction,
    prompt: v.prompt,
    negative_prompt: v.negativePrompt,
    style: v.style,
    dialect: v.dialect,
    refiner: v.refiner,
    model: v.model,
    title: v.title,
    notes: JSON.stringify(v.notes),
    parts: partsToColumn(v.parts),
    locks: locksToColumn(v.locks),
    direction: v.direction,
    approved_at: toDbTimeOrNull(v.approvedAt),
    checks: checksToColumn(v.checks),
    created_at: toDbTime(v.createdAt),
    house_rules_version: v.houseRulesVersion ?? null,
    style_used: v.styleUsed ? JSON.stringify(v.styleUsed) : null,
  };
}

export function generationFromRow(row: GenerationRow): Generation {
  return {
    id: row.id,
    promptId: row.prompt_id,
    ideaId: row.idea_id,
    backend: row.backend,
    model: row.model,
    params: paramsFrom(row.params),
    // The CHECK constraint keeps other values out; "failed" is the honest reading of nonsense.
    status: oneOf(GenerationStatusSchema, row.status, "failed"),
    progress: clampProgress(row.progress),
    error: errorFrom(row.error),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
  };
}

function errorToColumn(error: Generation["error"]): string | null {
  return error === null ? null : JSON.stringify({ code: error.code, message: error.message });
}

export function generationToRow(g: Generation): GenerationRow {
  return {
    id: g.id,
    prompt_id: g.promptId,
    idea_id: g.ideaId,
    backend: g.backend,
    model: g.model,
    params: JSON.stringify(g.params),
    status: g.status,
    progress: clampProgress(g.progress),
    error: errorToColumn(g.error),
    created_at: toDbTime(g.createdAt),
    started_at: toDbTimeOrNull(g.startedAt),
    finished_at: toDbTimeOrNull(g.finishedAt),
    duration_ms: g.durationMs === null ? null : Math.round(g.durationMs),
  };
}

/** Only the fields present in the patch; `undefined` means "leave as is", `null` clears. */
export function generationPatchToRow(patch: GenerationPatch): Partial<GenerationRow> {
  const row: Partial<GenerationRow> = {};
  if (patch.status !== undefined) row.status = patch.status;
  if (patch.progress !== undefined) row.progress = clampProgress(patch.progress);
  if (patch.error !== undefined) row.error = errorToColumn(patch.error);
  if (patch.startedAt !== undefined) row.started_at = toDbTimeOrNull(patch.startedAt);
  if (patch.finishedAt !== undefined) row.finished_at = toDbTimeOrNull(patch.finishedAt);
  if (patch.durationMs !== undefined) row.duration_ms = patch.durationMs === null ? null : Math.round(patch.durationMs);
  if (patch.model !== undefined) row.model = patch.model;
  return row;
}

export function imageFromRow(row: ImageJoinedRow): Image {
  return {
    id: row.id,
    generationId: row.generation_id,
    promptId: row.prompt_id,
    ideaId: row.idea_id,
    backend: row.backend,
    width: row.width,
    height: row.height,
    seed: row.seed,
    mime: row.mime,
    byteSize: row.byte_size,
    favorite: row.favorite === 1,
    createdAt: row.created_at,
    prompt: row.prompt,
    ...(row.content_hash ? { contentHash: row.content_hash } : {}),
  };
}

export function imageToRow(image: NewImage): ImageRow {
  return {
    id: image.id,
    generation_id: image.generationId,
    prompt_id: image.promptId,
    idea_id: image.ideaId,
    width: image.width,
    height: image.height,
    seed: image.seed,
    mime: image.mime,
    byte_size: image.byteSize,
    favorite: image.favorite ? 1 : 0,
    created_at: toDbTime(image.createdAt),
    content_hash: image.contentHash ?? null,
  };
}

export function libraryEntryFromRow(row: LibraryEntryRow): LibraryEntry {
  return {
    id: row.id,
    name: row.name,
    versionId: row.version_id,
    ideaId: row.idea_id,
    ideaText: row.idea_text,
    prompt: row.prompt,
    negativePrompt: row.negative_prompt,
    style: oneOf(StyleIdSchema.nullable(), row.style, null),
    dialect: oneOf(DialectSchema, row.dialect, "prose"),
    parts: partsFrom(row.parts),
    createdAt: row.created_at,
  };
}

export function libraryEntryToRow(entry: LibraryEntry): LibraryEntryRow {
  return {
    id: entry.id,
    name: entry.name,
    version_id: entry.versionId,
    idea_id: entry.ideaId,
    idea_text: entry.ideaText,
    prompt: entry.prompt,
    negative_prompt: entry.negativePrompt,
    style: entry.style,
    dialect: entry.dialect,
    parts: partsToColumn(entry.parts),
    created_at: toDbTime(entry.createdAt),
  };
}

export function comparisonFromRows(row: ComparisonRow, cells: ComparisonCellRow[]): Comparison {
  return {
    id: row.id,
    ideaId: row.idea_id,
    kind: row.kind === "backends" ? "backends" : "versions",
    seed: row.seed,
    params: paramsFrom(row.params),
    title: row.title,
    cells: [...cells].sort((a, b) => a.position - b.position).map(cellFromRow),
    createdAt: row.created_at,
  };
}

function cellFromRow(row: ComparisonCellRow): ComparisonCell {
  return {
    position: row.position,
    label: row.label,
    versionId: row.version_id,
    backend: row.backend,
    generationId: row.generation_id,
  };
}

export function comparisonToRows(c: Comparison): { row: ComparisonRow; cells: ComparisonCellRow[] } {
  return {
    row: {
      id: c.id,
      idea_id: c.ideaId,
      kind: c.kind,
      seed: c.seed,
      params: JSON.stringify(c.params),
      title: c.title,
      created_at: toDbTime(c.createdAt),
    },
    cells: c.cells.map((cell) => ({
      comparison_id: c.id,
      position: cell.position,
      idea_id: c.ideaId,
      label: cell.label,
      version_id: cell.versionId,
      backend: cell.backend,
      generation_id: cell.generationId,
    })),
  };
}

/** The owner's view of a share: everything but the token's hash. */
export function shareFromRow(row: ShareRow): Share {
  return {
    id: row.id,
    // The CHECK constraint keeps other kinds out.
    target: { kind: oneOf(ShareKindSchema, row.kind, "idea"), id: row.target_id },
    ideaId: row.idea_id,
    label: row.label,
    expiresAt: row.expires_at,
    feedback: row.feedback === 1,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

export function shareRecordFromRow(row: ShareRow): ShareRecord {
  return { ...shareFromRow(row), tokenHash: row.token_hash };
}

export function shareToRow(share: NewShare): ShareRow {
  return {
    id: share.id,
    token_hash: share.tokenHash,
    kind: share.target.kind,
    target_id: share.target.id,
    idea_id: share.ideaId,
    label: share.label,
    expires_at: toDbTimeOrNull(share.expiresAt),
    feedback: share.feedback ? 1 : 0,
    created_at: toDbTime(share.createdAt),
    revoked_at: toDbTimeOrNull(share.revokedAt),
  };
}

export function feedbackFromRow(row: FeedbackRow): Feedback {
  return {
    id: row.id,
    shareId: row.share_id,
    ideaId: row.idea_id,
    imageId: row.image_id,
    name: row.name,
    comment: row.comment,
    vote: row.vote === null ? null : row.vote === 1,
    createdAt: row.created_at,
  };
}

export function feedbackToRow(f: NewFeedback): FeedbackRow {
  return {
    id: f.id,
    share_id: f.shareId,
    idea_id: f.ideaId,
    image_id: f.imageId,
    name: f.name,
    comment: f.comment,
    vote: f.vote === null ? null : f.vote ? 1 : 0,
    created_at: toDbTime(f.createdAt),
  };
}
