import type {
  ErrorInfo,
  Generation,
  GenerationParams,
  GenerationStatus,
  Idea,
  IdeaSummary,
  Image,
  Page,
  PromptVersion,
} from "@/lib/schemas/entities";

/** Rows to insert: the store assigns nothing; the caller passes ids and times (lib/ids.ts). */
export type NewIdea = Idea;
export type NewPromptVersion = PromptVersion;
export type NewGeneration = Generation;
export type NewImage = Omit<Image, "prompt" | "backend">;

export type GenerationPatch = Partial<
  Pick<Generation, "status" | "progress" | "error" | "startedAt" | "finishedAt" | "durationMs" | "model">
>;

export type ImageListQuery = {
  cursor?: string;
  limit: number;
  ideaId?: string;
  backend?: string;
  favorite?: boolean;
  /** Case-insensitive words matched against the idea text and the prompt. */
  q?: string;
};

export type IdeaListQuery = { cursor?: string; limit: number; q?: string };

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
  getVersion(id: string): Promise<PromptVersion | undefined>;
  /** Oldest first. */
  listVersions(ideaId: string): Promise<PromptVersion[]>;

  createGeneration(generation: NewGeneration): Promise<void>;
  getGeneration(id: string): Promise<Generation | undefined>;
  updateGeneration(id: string, patch: GenerationPatch): Promise<Generation | undefined>;
  /** Newest first. */
  listGenerationsForIdea(ideaId: string): Promise<Generation[]>;
  listGenerationsByStatus(statuses: GenerationStatus[]): Promise<Generation[]>;

  /** Inserts the image rows of one finished generation and marks it succeeded, in one transaction. */
  completeGeneration(id: string, images: NewImage[], patch: GenerationPatch): Promise<Generation | undefined>;
  getImage(id: string): Promise<Image | undefined>;
  listImages(query: ImageListQuery): Promise<Page<Image>>;
  listImagesForGeneration(generationId: string): Promise<Image[]>;
  setFavorite(id: string, favorite: boolean): Promise<Image | undefined>;
  deleteImage(id: string): Promise<boolean>;

  close(): Promise<void>;
}

/** Image bytes. Files on disk by default; behind this interface so S3 can follow. */
export interface ImageFiles {
  /** Writes the bytes and a WebP thumbnail (longest side at most 512 px), each atomically. */
  put(id: string, bytes: Uint8Array, mime: string): Promise<{ byteSize: number }>;
  read(id: string, kind: "full" | "thumb"): Promise<{ bytes: Buffer; mime: string } | undefined>;
  remove(id: string): Promise<void>;
  /** Ids with files on disk (for sweeping orphans). */
  listIds(): Promise<string[]>;
}

export type { ErrorInfo, GenerationParams };
