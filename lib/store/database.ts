import "server-only";
import type { ColumnType } from "kysely";

/**
 * The tables as SQLite holds them: snake_case columns, JSON as text, booleans as 0/1.
 * row-mapping.ts is the only place that turns these into entities.
 */
export interface IdeasTable {
  id: string;
  text: string;
  title: string;
  created_at: string;
}

export interface PromptVersionsTable {
  id: string;
  idea_id: string;
  parent_id: string | null;
  source: string;
  instruction: string | null;
  prompt: string;
  negative_prompt: string | null;
  style: string | null;
  dialect: string;
  refiner: string;
  model: string;
  title: string;
  /** JSON array of strings. */
  notes: string;
  /** JSON object (PromptParts) or null when unknown. */
  parts: string | null;
  /** JSON array of part names. */
  locks: string;
  direction: string | null;
  /** When its owner approved it (migration 0006); null: not approved. */
  approved_at: string | null;
  /** JSON array of CheckItem (migration 0008); '[]' for a version without a checklist. */
  checks: string;
  created_at: string;
  /** The house rules version its refinement ran with (migration 0014); null: none. */
  house_rules_version?: number | null;
  /** JSON StyleSnapshot of the style it was refined in (migration 0013); null: none, or an older row. */
  style_used?: string | null;
}

/** The generation columns the entity maps (row-mapping.ts); GenerationsTable adds the queue's own. */
export interface GenerationRow {
  id: string;
  prompt_id: string;
  idea_id: string;
  backend: string;
  model: string;
  /** JSON object (GenerationParams). */
  params: string;
  status: string;
  progress: number;
  /** JSON object ({ code, message }) or null. */
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
}

/**
 * The Postgres job queue's columns on a generation row (migration 0004; lib/jobs/postgres-queue.ts).
 * Not part of the entity: inserts may leave them out (the database fills its defaults), and the
 * row mapping never reads them.
 */
export interface GenerationQueueColumns {
  /** The instance running it. */
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** Epoch ms until which its instance's lease holds. */
  lease_until: ColumnType<number | null, number | null | undefined, number | null>;
  /** 0 or 1: a cancel was asked while it ran. */
  cancel_requested: ColumnType<number, number | undefined, number>;
  /** Its place in its backend's queue (Postgres sequence promptsmith_queue_seq). */
  queue_seq: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface GenerationsTable extends GenerationRow, GenerationQueueColumns {}

export interface ImagesTable {
  id: string;
  generation_id: string;
  prompt_id: string;
  idea_id: string;
  width: number;
  height: number;
  seed: number | null;
  mime: string;
  byte_size: number;
  /** 0 or 1. */
  favorite: number;
  created_at: string;
  /** SHA-256 (hex) of the full image's bytes (migration 0012); NULL for images stored before it. */
  content_hash: string | null;
}

/** A snapshot of a version kept under a name; idea_id and version_id go NULL with the idea. */
export interface LibraryEntriesTable {
  id: string;
  name: string;
  version_id: string | null;
  idea_id: string | null;
  idea_text: string;
  prompt: string;
  negative_prompt: string | null;
  style: string | null;
  dialect: string;
  /** JSON object (PromptParts) or null. */
  parts: string | null;
  created_at: string;
}

export interface ComparisonsTable {
  id: string;
  idea_id: string;
  kind: string;
  seed: number;
  /** JSON object (GenerationParams shared by every cell). */
  params: string;
  title: string;
  created_at: string;
}

export interface ComparisonCellsTable {
  comparison_id: string;
  position: number;
  idea_id: string;
  label: string;
  version_id: string;
  backend: string;
  generation_id: string;
}

/** A client's place under the queue cap (lib/jobs/postgres-client-cap.ts); job_id is its generation's id. */
export interface QueuePlacesTable {
  job_id: string;
  client_key: string;
  /** ISO 8601: a place without a generation row counts for a short while only. */
  reserved_at: string;
}

/** Random secrets every instance shares, by name ("session": lib/auth/shared-session-secret.ts). */
export interface SharedSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

/** A share link (migration 0006): only the SHA-256 of its token; target_id has no foreign key (kind says which table). */
export interface SharesTable {
  id: string;
  token_hash: string;
  kind: string;
  target_id: string;
  idea_id: string;
  label: string;
  expires_at: string | null;
  /** 0 or 1: visitors may leave feedback. */
  feedback: number;
  created_at: string;
  revoked_at: string | null;
}

/** A visitor's note or vote through a share; image_id has no foreign key (the image may be deleted since). */
export interface FeedbackTable {
  id: string;
  share_id: string;
  idea_id: string;
  image_id: string | null;
  name: string;
  comment: string | null;
  /** 1 for, 0 a vote taken back, null: no vote (a comment only). */
  vote: number | null;
  created_at: string;
}

/** A judge's answer for one image (issue 11, migration 0009); an image's check is its latest row. */
export interface ImageChecksTable {
  id: string;
  image_id: string;
  judge_id: string;
  judge_label: string;
  judge_model: string;
  /** Passes ÷ items, 0..1. */
  score: number;
  /** JSON array of CheckResultItem. */
  items: string;
  created_at: string;
}

/** A fix loop (issue 11, migration 0010): rounds as JSON; owner/lease_until say who runs it. */
export interface FixLoopsTable {
  id: string;
  image_id: string;
  idea_id: string;
  status: string;
  max_rounds: number;
  reason: string | null;
  /** JSON array of FixRound. */
  rounds: string;
  best_image_id: string | null;
  /** JSON object ({ code, message }) or null. */
  error: string | null;
  created_at: string;
  finished_at: string | null;
  /** The instance running it (null once it ended). */
  owner: string | null;
  /** Epoch ms until which its owner's lease holds. */
  lease_until: number | null;
}

/** House rules (issue 13, migration 0014): one row per saved version, never changed. */
export interface HouseRulesTable {
  version: number;
  text: string;
  created_at: string;
}

/** An own style (issue 13, migration 0013). */
export interface StylesTable {
  id: string;
  label: string;
  description: string;
  medium: string;
  lighting: string;
  palette: string;
  camera: string;
  detail: string;
  negative: string;
  /** The sample as base64 WebP; null until rendered. */
  sample: string | null;
  /** "offline" or "image". */
  sample_source: string;
  sample_image_id: string | null;
  created_at: string;
  updated_at: string;
  /** Set by a delete; Undo clears it; old ones are purged. */
  deleted_at: string | null;
}

export interface Database {
  house_rules: HouseRulesTable;
  styles: StylesTable;
  ideas: IdeasTable;
  prompt_versions: PromptVersionsTable;
  generations: GenerationsTable;
  images: ImagesTable;
  library_entries: LibraryEntriesTable;
  comparisons: ComparisonsTable;
  comparison_cells: ComparisonCellsTable;
  queue_places: QueuePlacesTable;
  shared_secrets: SharedSecretsTable;
  shares: SharesTable;
  feedback: FeedbackTable;
  image_checks: ImageChecksTable;
  fix_loops: FixLoopsTable;
}

export type IdeaRow = IdeasTable;
export type VersionRow = PromptVersionsTable;
export type ImageRow = ImagesTable;
export type LibraryEntryRow = LibraryEntriesTable;
export type ComparisonRow = ComparisonsTable;
export type ComparisonCellRow = ComparisonCellsTable;
export type ShareRow = SharesTable;
export type FeedbackRow = FeedbackTable;
export type ImageCheckRow = ImageChecksTable;
/** An image row with the two facts the entity borrows from its version and generation. */
export type ImageJoinedRow = ImagesTable & { prompt: string; backend: string };
