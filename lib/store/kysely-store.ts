import "server-only";
import { type Kysely, sql } from "kysely";
import { findComparison, findComparisons, insertComparison, removeComparison } from "./comparison-queries";
import { findFeedbackForIdea, insertFeedback } from "./feedback-queries";
import {
  findGeneration,
  findGenerationsByStatus,
  findGenerationsForIdea,
  finishGeneration,
  insertGeneration,
  patchGeneration,
} from "./generation-queries";
import {
  findFixLoop,
  findFixLoopsByStatus,
  findFixLoopsForImage,
  insertFixLoop,
  patchFixLoop,
} from "./fix-loop-queries";
import { findHouseRules, findHouseRulesHistory, insertHouseRules } from "./house-rules-queries";
import {
  findOwnStyle,
  findOwnStyles,
  findStyleSample,
  insertOwnStyle,
  markStyleDeleted,
  unmarkStyleDeleted,
  updateOwnStyle,
  updateStyleSample,
  upsertOwnStyles,
} from "./style-queries";
import { findIdea, findIdeas, insertIdeaWithVersion, removeIdea } from "./idea-queries";
import { findLatestCheck, findLatestChecks, insertImageCheck } from "./image-check-queries";
import {
  findImage,
  findImageNeighbours,
  findImages,
  findImagesForGeneration,
  markFavorite,
  removeImage,
} from "./image-queries";
import {
  findLibrary,
  findLibraryEntry,
  findLibraryForIdea,
  removeLibraryEntry,
  renameEntry,
  starVersionRow,
} from "./library-queries";
import { findShare, findShareByHash, findShares, insertShare, markRevoked } from "./share-queries";
import type { Store } from "./types";
import {
  findVersion,
  findVersions,
  insertEditOnce,
  insertVersion,
  updateApproval,
  updateLocks,
} from "./version-queries";

import type { Database } from "./database";

/** How a dialect runs a call: a read, or a write as one all-or-nothing transaction. */
export type StoreAccess = {
  read<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T>;
  write<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/**
 * The Store's methods, written once over Kysely: SQLite and Postgres differ only in how they
 * read, write and close (sqlite-store.ts, postgres-store.ts), never in the queries.
 */
export function storeOver({ read, write, close }: StoreAccess): Store {
  return {
    createIdeaWithVersion: (idea, version) => write((trx) => insertIdeaWithVersion(trx, idea, version)),
    getIdea: (id) => read((db) => findIdea(db, id)),
    listIdeas: (query) => read((db) => findIdeas(db, query)),
    deleteIdea: (id) => write((trx) => removeIdea(trx, id)),

    createVersion: (version) => write((trx) => insertVersion(trx, version)),
    saveEdit: (version) => write((trx) => insertEditOnce(trx, version)),
    getVersion: (id) => read((db) => findVersion(db, id)),
    listVersions: (ideaId) => read((db) => findVersions(db, ideaId)),
    setVersionLocks: (id, locks) => write((trx) => updateLocks(trx, id, locks)),

    createGeneration: (generation) => write((trx) => insertGeneration(trx, generation)),
    getGeneration: (id) => read((db) => findGeneration(db, id)),
    updateGeneration: (id, patch, guard) => write((trx) => patchGeneration(trx, id, patch, guard)),
    listGenerationsForIdea: (ideaId) => read((db) => findGenerationsForIdea(db, ideaId)),
    listGenerationsByStatus: (statuses) => read((db) => findGenerationsByStatus(db, statuses)),

    completeGeneration: (id, images, patch, guard) => write((trx) => finishGeneration(trx, id, images, patch, guard)),
    getImage: (id) => read((db) => findImage(db, id)),
    listImages: (query) => read((db) => findImages(db, query)),
    listImagesForGeneration: (generationId) => read((db) => findImagesForGeneration(db, generationId)),
    getImageNeighbours: (id, filter) => read((db) => findImageNeighbours(db, id, filter)),
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

    createShare: (share) => write((trx) => insertShare(trx, share)),
    getShare: (id) => read((db) => findShare(db, id)),
    findShareByTokenHash: (tokenHash) => read((db) => findShareByHash(db, tokenHash)),
    listShares: (target) => read((db) => findShares(db, target)),
    revokeShare: (id, at) => write((trx) => markRevoked(trx, id, at)),

    addFeedback: (feedback) => write((trx) => insertFeedback(trx, feedback)),
    listFeedbackForIdea: (ideaId) => read((db) => findFeedbackForIdea(db, ideaId)),

    setApproval: (versionId, approvedAt) => write((trx) => updateApproval(trx, versionId, approvedAt)),

    saveImageCheck: (check) => write((trx) => insertImageCheck(trx, check)),
    getLatestCheck: (imageId) => read((db) => findLatestCheck(db, imageId)),
    getLatestChecks: (imageIds) =>
      imageIds.length === 0 ? Promise.resolve(new Map()) : read((db) => findLatestChecks(db, imageIds)),

    createFixLoop: (loop) => write((trx) => insertFixLoop(trx, loop)),
    getFixLoop: (id) => read((db) => findFixLoop(db, id)),
    updateFixLoop: (id, patch, guard) => write((trx) => patchFixLoop(trx, id, patch, guard)),
    listFixLoopsByStatus: (statuses) => read((db) => findFixLoopsByStatus(db, statuses)),
    listFixLoopsForImage: (imageId) => read((db) => findFixLoopsForImage(db, imageId)),

    saveHouseRules: (text, createdAt) => write((trx) => insertHouseRules(trx, text, createdAt)),
    getHouseRules: (version) => read((db) => findHouseRules(db, version)),
    listHouseRules: () => read((db) => findHouseRulesHistory(db)),

    listOwnStyles: () => read((db) => findOwnStyles(db)),
    getOwnStyle: (id) => read((db) => findOwnStyle(db, id)),
    createOwnStyle: (style) => write((trx) => insertOwnStyle(trx, style)),
    updateOwnStyle: (id, input, at) => write((trx) => updateOwnStyle(trx, id, input, at)),
    deleteOwnStyle: (id, at) => write((trx) => markStyleDeleted(trx, id, at)),
    restoreOwnStyle: (id) => write((trx) => unmarkStyleDeleted(trx, id)),
    getOwnStyleSample: (id) => read((db) => findStyleSample(db, id)),
    setOwnStyleSample: (id, patch) => write((trx) => updateStyleSample(trx, id, patch)),
    importOwnStyles: (entries) => write((trx) => upsertOwnStyles(trx, entries)),

    // Through read(), so it meets what every call meets: the pool, the migrations, the error translation.
    ping: () =>
      read(async (db) => {
        await sql`SELECT 1`.execute(db);
      }),

    close,
  };
}
