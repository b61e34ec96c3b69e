import { LibraryCreateBodySchema, LibraryQuerySchema, LibraryRenameBodySchema } from "@/lib/schemas/api";
import { LibraryEntrySchema } from "@/lib/schemas/entities";
import { LibraryPageSchema, StartedIdeaSchema } from "../answers";
import { error, type Operation } from "../types";

const id = { id: { description: "The library entry's id." } };

/** The Library: versions kept under a name. */
export const libraryOperations: Operation[] = [
  {
    method: "get",
    path: "/api/library",
    operationId: "listLibrary",
    summary: "The Library, newest first",
    tag: "Library",
    access: "gated",
    query: LibraryQuerySchema,
    responses: {
      200: { description: "A page of entries.", json: LibraryPageSchema },
      400: error("A query parameter is not valid."),
    },
  },
  {
    method: "post",
    path: "/api/library",
    operationId: "starVersion",
    summary: "Keep a version in the Library under a name",
    tag: "Library",
    access: "gated",
    body: { schema: LibraryCreateBodySchema, name: "LibraryCreateBody" },
    responses: {
      201: { description: "A new entry.", json: LibraryEntrySchema },
      200: { description: "The version was already kept: its entry, renamed.", json: LibraryEntrySchema },
      400: error("The body is not valid."),
      404: error("The version is not there."),
    },
  },
  {
    method: "patch",
    path: "/api/library/{id}",
    operationId: "renameLibraryEntry",
    summary: "Rename a Library entry",
    tag: "Library",
    access: "gated",
    pathParams: id,
    body: { schema: LibraryRenameBodySchema, name: "LibraryRenameBody" },
    responses: {
      200: { description: "The entry.", json: LibraryEntrySchema },
      400: error("The body is not valid."),
      404: error("The entry is not there."),
    },
  },
  {
    method: "delete",
    path: "/api/library/{id}",
    operationId: "deleteLibraryEntry",
    summary: "Remove an entry from the Library (the version stays)",
    tag: "Library",
    access: "gated",
    pathParams: id,
    responses: {
      204: { description: "Removed.", empty: true },
      404: error("The entry is not there."),
    },
  },
  {
    method: "post",
    path: "/api/library/{id}/use",
    operationId: "useLibraryEntry",
    summary: "Start a new idea from a Library entry",
    description: "No body: the entry is the whole recipe.",
    tag: "Library",
    access: "gated",
    pathParams: id,
    responses: {
      201: { description: "The new idea and its first version.", json: StartedIdeaSchema, name: "StartedIdea" },
      404: error("The entry is not there."),
    },
  },
];
