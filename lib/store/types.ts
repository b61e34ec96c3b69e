import type {
  Comparison,
  ErrorInfo,
  Generation,
  GenerationParams,
  GenerationStatus,
  Idea,
  IdeaSummary,
  Image,
  LibraryEntry,
  Page,
  PartName,
  PromptVersion,
} from "@/lib/schemas/entities";
import type { FixLoop, ImageCheck } from "@/lib/schemas/checks";
import type { HouseRules } from "@/lib/schemas/house-rules";
import type { OwnStyle, OwnStyleId, StyleInput } from "@/lib/schemas/styles";
import type { Feedback, Share, ShareKind } from "@/lib/schemas/shares";

/** Rows to insert: the store assigns nothing; the caller passes ids and times (lib/ids.ts). */
export type NewIdea = Idea;
export type NewPromptVersion = PromptVersion;
export type NewGeneration = Generation;
export type NewImage = Omit<Image, "prompt" | "backend">;

export type GenerationPatch = Partial<
  Pick<Generation, "status" | "progress" | "error" | "startedAt" | "finishedAt" | "durationMs" | "model">
>;

/**
 * A write that applies only while the generation's status is one of `ifStatus`; otherwise it is
 * refused (undefined, nothing written). A runner's last word must not overwrite a generation
 * another instance already settled (its lease ran out, lib/jobs/postgres-queue.ts).
 */
export type GenerationGuard = { ifStatus?: readonly GenerationStatus[] };

/** What the gallery can narrow its images to; its image page walks the same list. */
export type ImageListFilter = {
  ideaId?: string;
  backend?: string;
  favorite?: boolean;
  /** Case-insensitive words matched against the idea text and the prompt. */
  q?: string;
  /**
   * Issue 11: "score" orders by the latest check's score, best first (then newest; never checked
   * last); the default is newest first. checked: has a check (false: none); minScore: the latest
   * check's score is at least this (0..1; never checked images are left out).
   */
  sort?: "newest" | "score";
  checked?: boolean;
  minScore?: number;
  /** The latest check has a miss (a failed item); false: checked with none, or never checked. */
  hasMisses?: boolean;
  /** Issue 12: the generation's model, the image's seed, its pixel size. */
  model?: string;
  seed?: number;
  size?: { width: number; height: number };
  /** Issue 12: ISO times bounding the image's creation, from inclusive, to exclusive. */
  from?: string;
  to?: string;
};

export type ImageListQuery = ImageListFilter & { cursor?: string; limit: number };

/** The ids either side of an image in the gallery's order (its sort); null at either end. */
export type ImageNeighbours = { previous: string | null; next: string | null };

/**
 * The Ideas page's list: most recent activity first (IdeaSummary.lastActivityAt), keyset-paged.
 * q: full-text words (the last one a prefix) over the idea and its versions' prompts, instructions and notes.
 * backend: a generation on it; style: a version in it; hasImages: at least one image (false: none);
 * starred: a version starred in the Library OR an image marked favorite (false: neither);
 * from/to: ISO times bounding the last activity, from inclusive, to exclusive.
 */
export type IdeaListFilter = {
  q?: string;
  backend?: string;
  style?: string;
  hasImages?: boolean;
  starred?: boolean;
  /** Issue 11: one of its images' latest check has a miss (false: none has). */
  hasMisses?: boolean;
  /** Issue 11: its best image's latest check scored at least this (0..1). */
  minScore?: number;
  from?: string;
  to?: string;
};

/** sort "score": best checked image first (issue 11); "recent" (the default): most recent activity first. */
export type IdeaListQuery = IdeaListFilter & { cursor?: string; limit: number; sort?: "recent" | "score" };

/** Newest first; each word of q must appear in the name, the prompt or the idea text. */
export type LibraryListQuery = { cursor?: string; limit: number; q?: string };

/** Starring a version: the snapshot is read from the version and its idea inside the transaction. */
/** A style to insert: its id ("own-…") and what the person wrote. */
export type NewOwnStyle = { id: OwnStyleId; input: StyleInput; createdAt: string };
/** A style's sample: WebP bytes, null until rendered; updatedAt as stored (for updateStyleSample's guard). */
export type OwnStyleSample = { bytes: Uint8Array | null; updatedAt: string };
export type StyleSamplePatch = {
  bytes: Uint8Array;
  source: "offline" | "image";
  imageId: string | null;
  /** Only while the style's updatedAt is still this (see style-queries.ts). */
  ifUpdatedAt?: string;
  /** Move updatedAt (the sample's URL changes). */
  touchedAt?: string;
};

export type NewLibraryStar = { id: string; versionId: string; name: string; createdAt: string };

export type NewComparison = Comparison;

/** A share's row: what its owner sees plus the SHA-256 of its token (the token itself is never stored). */
export type ShareRecord = Share & { tokenHash: string };
export type NewShare = ShareRecord;
export type NewFeedback = Feedback;
/** A judge's answer for one image (issue 11); the id is the row's own, never shown. */
export type NewImageCheck = ImageCheck & { id: string };

/** A fix loop's row: the public FixLoop, its idea, and who runs it until when (epoch ms). */
export type FixLoopRecord = FixLoop & { ideaId: string; owner: string | null; leaseUntil: number | null };
export type FixLoopPatch = Partial<
  Pick<FixLoopRecord, "status" | "reason" | "rounds" | "bestImageId" | "error" | "finishedAt" | "owner" | "leaseUntil">
>;
/**
 * A fix-loop write that applies only while every condition holds: its status is one of
 * `ifStatus`, its owner is `ifOwner`, its lease ran out before `ifLeaseBefore` (epoch ms).
 */
export type FixLoopGuard = {
  ifStatus?: readonly FixLoop["status"][];
  ifOwner?: string;
  ifLeaseBefore?: number;
};

/**
 * Rows. SQLite through Kysely by default; behind this interface so Postgres can follow.
 * Every method is a single transaction; a method that writes several rows writes all or none.
 */
export interface Store {
  createIdeaWithVersion(idea: NewIdea, version: NewPromptVersion): Promise<void>;
  getIdea(id: string): Promise<Idea | undefined>;
  listIdeas(query: IdeaListQuery): Promise<Page<IdeaSummary>>;
  /** Deletes the idea and its versions, generations and image rows; returns the image ids that went. */
  deleteIdea(id: string): Promise<{ deleted: boolean; imageIds: string[] }>;

  createVersion(version: NewPromptVersion): Promise<void>;
  /**
   * A hand edit (source `edit`, with a parent): inserted unless the parent already has an edit
   * child with the same prompt and negative prompt, which is then returned instead. Saving the
   * same text twice, from two requests at once, gives one version.
   */
  saveEdit(version: NewPromptVersion): Promise<PromptVersion>;
  getVersion(id: string): Promise<PromptVersion | undefined>;
  /** Oldest first. */
  listVersions(ideaId: string): Promise<PromptVersion[]>;
  /** Replaces the version's locks (the caller checks them against its parts). */
  setVersionLocks(id: string, locks: readonly PartName[]): Promise<PromptVersion | undefined>;

  createGeneration(generation: NewGeneration): Promise<void>;
  getGeneration(id: string): Promise<Generation | undefined>;
  /** Undefined when the generation is missing, or the guard refuses the write. */
  updateGeneration(id: string, patch: GenerationPatch, guard?: GenerationGuard): Promise<Generation | undefined>;
  /** Newest first. */
  listGenerationsForIdea(ideaId: string): Promise<Generation[]>;
  listGenerationsByStatus(statuses: GenerationStatus[]): Promise<Generation[]>;

  /**
   * Inserts the image rows of one finished generation and marks it succeeded, in one transaction.
   * Undefined, with no image row written, when it is missing or the guard refuses.
   */
  completeGeneration(
    id: string,
    images: NewImage[],
    patch: GenerationPatch,
    guard?: GenerationGuard,
  ): Promise<Generation | undefined>;
  getImage(id: string): Promise<Image | undefined>;
  listImages(query: ImageListQuery): Promise<Page<Image>>;
  listImagesForGeneration(generationId: string): Promise<Image[]>;
  /**
   * The newer (`previous`) and older (`next`) image beside this one in the gallery, narrowed by
   * the same filter as listImages; undefined if it is gone.
   */
  getImageNeighbours(id: string, filter?: ImageListFilter): Promise<ImageNeighbours | undefined>;
  setFavorite(id: string, favorite: boolean): Promise<Image | undefined>;
  deleteImage(id: string): Promise<boolean>;

  /**
   * Keeps a snapshot of the version under `name`, or renames the entry it already has (one
   * entry per version). Undefined when the version does not exist.
   */
  starVersion(star: NewLibraryStar): Promise<{ entry: LibraryEntry; created: boolean } | undefined>;
  getLibraryEntry(id: string): Promise<LibraryEntry | undefined>;
  listLibrary(query: LibraryListQuery): Promise<Page<LibraryEntry>>;
  /** Entries starred from the idea's versions, newest first. */
  listLibraryForIdea(ideaId: string): Promise<LibraryEntry[]>;
  renameLibraryEntry(id: string, name: string): Promise<LibraryEntry | undefined>;
  deleteLibraryEntry(id: string): Promise<boolean>;

  /** The cells' generations (queued) and the comparison with its cells, all or nothing. */
  createComparison(comparison: NewComparison, generations: NewGeneration[]): Promise<void>;
  getComparison(id: string): Promise<Comparison | undefined>;
  /** Newest first. */
  listComparisons(ideaId: string): Promise<Comparison[]>;
  /** The record only: its generations and images belong to the idea and stay. */
  deleteComparison(id: string): Promise<boolean>;

  /** Shares (issue 10). A share goes with its idea; one whose target is gone answers 404 where it is read. */
  createShare(share: NewShare): Promise<void>;
  getShare(id: string): Promise<ShareRecord | undefined>;
  /** The lookup of a visitor's link: by the token's hash, never by the token. */
  findShareByTokenHash(tokenHash: string): Promise<ShareRecord | undefined>;
  /** Newest first; revoked ones included (the owner's list says so). With a target, only its shares. */
  listShares(target?: { kind: ShareKind; id: string }): Promise<Share[]>;
  /** Sets revokedAt once (a second revoke keeps the first time); undefined when the share does not exist. */
  revokeShare(id: string, at: string): Promise<Share | undefined>;

  addFeedback(feedback: NewFeedback): Promise<void>;
  /** Oldest first. */
  listFeedbackForIdea(ideaId: string): Promise<Feedback[]>;

  /** Approves a version (approvedAt) or takes the approval back (null); undefined when it does not exist. */
  setApproval(versionId: string, approvedAt: string | null): Promise<PromptVersion | undefined>;

  /** Image checks (issue 11): every check is kept; an image's check is its latest. They go with the image. */
  saveImageCheck(check: NewImageCheck): Promise<void>;
  getLatestCheck(imageId: string): Promise<ImageCheck | undefined>;
  /** The latest check of each image that has one (result cards, the gallery); missing ids are absent. */
  getLatestChecks(imageIds: string[]): Promise<Map<string, ImageCheck>>;

  /** Fix loops (issue 11): they go with the image they started from. */
  createFixLoop(loop: FixLoopRecord): Promise<void>;
  getFixLoop(id: string): Promise<FixLoopRecord | undefined>;
  /** Undefined when the loop is missing, or the guard refuses the write. */
  updateFixLoop(id: string, patch: FixLoopPatch, guard?: FixLoopGuard): Promise<FixLoopRecord | undefined>;
  /** Oldest first. */
  listFixLoopsByStatus(statuses: readonly FixLoop["status"][]): Promise<FixLoopRecord[]>;
  /** Newest first. */
  listFixLoopsForImage(imageId: string): Promise<FixLoopRecord[]>;

  /** House rules (issue 13): saves `text` as the next version; versions are never changed. */
  saveHouseRules(text: string, createdAt: string): Promise<HouseRules>;
  /** The newest version, or the one asked for; undefined when there is none. */
  getHouseRules(version?: number): Promise<HouseRules | undefined>;
  /** Every version, newest first. */
  listHouseRules(): Promise<HouseRules[]>;

  /** Own styles (issue 13). Oldest first; deleted ones are left out. */
  listOwnStyles(): Promise<OwnStyle[]>;
  getOwnStyle(id: string): Promise<OwnStyle | undefined>;
  /** Undefined when the id is taken (by a live style, or a deleted one Undo may still bring back). */
  createOwnStyle(style: NewOwnStyle): Promise<OwnStyle | undefined>;
  /** Undefined when there is no such live style. */
  updateOwnStyle(id: string, input: StyleInput, at: string): Promise<OwnStyle | undefined>;
  /** False when there was no such live style. Undo: restoreOwnStyle. */
  deleteOwnStyle(id: string, at: string): Promise<boolean>;
  restoreOwnStyle(id: string): Promise<OwnStyle | undefined>;
  getOwnStyleSample(id: string): Promise<OwnStyleSample | undefined>;
  setOwnStyleSample(id: string, patch: StyleSamplePatch): Promise<OwnStyle | undefined>;
  /** All or nothing, in one transaction: ids that exist are updated (and restored), the rest created. */
  importOwnStyles(entries: readonly NewOwnStyle[]): Promise<{ created: number; updated: number; items: OwnStyle[] }>;

  /** One trivial query: resolves when the database answers (GET /api/ready), else throws. */
  ping(): Promise<void>;

  close(): Promise<void>;
}

/**
 * Image bytes: files on disk (STORAGE=files, the default) or objects in an S3-compatible bucket
 * (STORAGE=s3). Written before their rows and removed after them, so a row never points at
 * missing bytes; bytes with no row are swept at start through listIds. A storage that does not
 * answer throws AppError `backend_unavailable`.
 */
export interface ImageFiles {
  /**
   * Writes the bytes atomically, after checking they are the image `mime` says. The WebP
   * thumbnail (longest side at most 512 px) is made after, in the background (issue 12).
   */
  put(id: string, bytes: Uint8Array, mime: string): Promise<{ byteSize: number }>;
  /**
   * Undefined when the image has no bytes stored. A thumbnail still being made is waited for; a
   * missing one is made then, unless `make` is false (db:copy's check: what is stored, as it is).
   */
  read(
    id: string,
    kind: "full" | "thumb",
    opts?: { make?: boolean },
  ): Promise<{ bytes: Buffer; mime: string } | undefined>;
  /** Resolves when every thumbnail this process is making is stored (tests; a clean shutdown). */
  settled(): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * Every id with bytes stored, sorted (for sweeping orphans). With `writtenBefore`, only bytes
   * written before then: with several instances, bytes written a moment ago may belong to a
   * generation another instance is about to commit.
   */
  listIds(opts?: { writtenBefore?: Date }): Promise<string[]>;
  /** Resolves when the storage answers and can be written (for readiness checks); else throws `backend_unavailable`. */
  ping(): Promise<void>;
}

export type { ErrorInfo, GenerationParams };
