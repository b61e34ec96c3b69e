import { IdeasQuerySchema } from "@/lib/schemas/api";
import { IdeaDetailSchema } from "@/lib/schemas/entities";
import { IdeaFeedbackSchema } from "@/lib/schemas/shares";
import { IdeaPageSchema } from "../answers";
import { error, type Operation } from "../types";

const id = { id: { description: "The idea's id." } };
const ZIP = ["application/zip"];

/** Ideas: the list, one with its versions and generations, its export and its visitors' feedback. */
export const ideaOperations: Operation[] = [
  {
    method: "get",
    path: "/api/ideas",
    operationId: "listIdeas",
    summary: "The Ideas list, most recent activity first (or best score)",
    description: "Pages of `limit`; pass `nextCursor` back as `cursor` for the next.",
    tag: "Ideas",
    access: "gated",
    query: IdeasQuerySchema,
    responses: {
      200: { description: "A page of ideas.", json: IdeaPageSchema },
      400: error("A query parameter is not valid (or given twice)."),
    },
  },
  {
    method: "get",
    path: "/api/ideas/{id}",
    operationId: "getIdea",
    summary: "An idea with its versions, generations, library entries and comparisons",
    tag: "Ideas",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The idea.", json: IdeaDetailSchema },
      404: error("The idea is not there."),
    },
  },
  {
    method: "delete",
    path: "/api/ideas/{id}",
    operationId: "deleteIdea",
    summary: "Delete an idea, its versions, generations and images",
    tag: "Ideas",
    access: "gated",
    pathParams: id,
    responses: {
      204: { description: "Deleted.", empty: true },
      404: error("The idea is not there."),
    },
  },
  {
    method: "get",
    path: "/api/ideas/{id}/export",
    operationId: "exportIdea",
    summary: "The idea as a ZIP: its images, idea.json, prompts.md and index.html",
    tag: "Ideas",
    access: "gated",
    pathParams: id,
    responses: {
      200: {
        description: "The archive, streamed.",
        binary: ZIP,
        headers: { "Content-Disposition": "attachment, named after the idea." },
      },
      404: error("The idea is not there (said before any byte)."),
    },
  },
  {
    method: "get",
    path: "/api/ideas/{id}/feedback",
    operationId: "listIdeaFeedback",
    summary: "Notes and votes left through the idea's share links",
    tag: "Ideas",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "Every note, oldest first, and the votes standing per image.", json: IdeaFeedbackSchema },
      404: error("The idea is not there."),
    },
  },
];
