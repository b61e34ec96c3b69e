import "server-only";
import type { Kysely, Transaction } from "kysely";
import { findComparison, findComparisons, insertComparison, removeComparison } from "./comparison-queries";
import type { Database } from "./database";
import {
  findGeneration,
  findGenerationsByStatus,
  findGenerationsForIdea,
  finishGeneration,
  insertGeneration,
  patchGeneration,
} from "./generation-queries";
import { findIdea, findIdeas, insertIdeaWithVersion, removeIdea } from "./idea-queries";
import { findImage, findImages, findImagesForGeneration, markFavorite, removeImage } from "./image-queries";
import {
  findLibrary,
  findLibraryEntry,
  findLibraryForIdea,
  removeLibraryEntry,
  renameEntry,
  starVersionRow,
} from "./library-queries";
import { migrateToLatest } from "./migrations";
import { openSqlite, type SqliteLocation } from "./open-sqlite";
import type { Store } from "./types";
import { findVersion, findVersions, insertVersion, updateLocks } from "./version-queries";

/**
 * The Store on SQLite. Opening is synchronous (a bad path fails here, at startup); migrations
 * are async in Kysely, so every call waits for them, and a failed migration fails every call.
 */
export function createSqliteStore(opts: SqliteLocation = {}): Store {
  const db = openSqlite(opts);
  const ready: Promise<Kysely<Database>> = migrateToLatest(db as Kysely<unknown>).then(() => db);
  // Reported to the first caller; without this a store nobody uses would crash the process.
  ready.catch(() => undefined);

  const read = async <T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> => fn(await ready);
  // One connection behind Kysely's mutex: a transaction holds it, so writes never interleave.
  const write = async <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    (await ready).transaction().execute(fn);

  let closed: Promise<void> | undefined;

  return {
    createIdeaWithVersion: (idea, version) => write((trx) => insertIdeaWithVersion(trx, idea, version)),
    getIdea: (id) => read((db) => findIdea(db, id)),
    listIdeas: (query) => read((db) => findIdeas(db, query)),
    deleteIdea: (id) => write((trx) => removeIdea(trx, id)),

    createVersion: (version) => write((trx) => insertVersion(trx, version)),
    getVersion: (id) => read((db) => findVersion(db, id)),
    listVersions: (ideaId) => read((db) => findVersions(db, ideaId)),
    setVersionLocks: (id, locks) => write((trx) => updateLocks(trx, id, locks)),

    createGeneration: (generation) => write((trx) => insertGeneration(trx, generation)),
    getGeneration: (id) => read((db) => findGeneration(db, id)),
    updateGeneration: (id, patch) => write((trx) => patchGeneration(trx, id, patch)),
    listGenerationsForIdea: (ideaId) => read((db) => findGenerationsForIdea(db, ideaId)),
    listGenerationsByStatus: (statuses) => read((db) => findGenerationsByStatus(db, statuses)),

    completeGeneration: (id, images, patch) => write((trx) => finishGeneration(trx, id, images, patch)),
    getImage: (id) => read((db) => findImage(db, id)),
    listImages: (query) => read((db) => findImages(db, query)),
    listImagesForGeneration: (generationId) => read((db) => findImagesForGeneration(db, generationId)),
    setFavorite: (id, favorite) => write((trx) => markFavorite(trx, id, favorite)),
    deleteImage: (id) => write((trx) => removeImage(trx, id)),

    starVersion: (star) => write((trx) => starVersionRow(trx, star)),
    getLibraryEntry: (id) => read((db) => findLibraryEntry(db, id)),
    listLibrary: (query) => read((db) => findLibrary(db, query)),
    listLibraryForIdea: (ideaId) => read((db) => findLibraryForIdea(db, ideaId)),
    renameLibraryEntry: (id, name) => write((trx) => renameEntry(trx, id, name)),
    deleteLibraryEntry: (id) => write((trx) => removeLibraryEntry(trx, id)),

    createComparison: (comparison, generations) => write((trx) => insertComparison(trx, comparison, generations)),
    getComparison: (id) => read((db) => findComparison(db, id)),
    listComparisons: (ideaId) => read((db) => findComparisons(db, ideaId)),
    deleteComparison: (id) => write((trx) => removeComparison(trx, id)),

    close() {
      closed ??= ready.then(
        () => db.destroy(),
        () => db.destroy(),
      );
      return closed;
    },
  };
}
