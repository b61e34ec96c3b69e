import { z } from "zod";
import {
  CreateStyleBodySchema,
  OwnStyleListSchema,
  OwnStyleSchema,
  StyleIdSchema,
  StyleInputSchema,
  StyleSampleBodySchema,
  StylesFileSchema,
  StylesImportResultSchema,
} from "@/lib/schemas/styles";
import { error, type Operation } from "../types";

const styleId = { id: { description: "A style's id: a built-in one, or an own one (own-…).", schema: StyleIdSchema } };
const ownId = { id: { description: "An own style's id (own-…).", schema: StyleIdSchema } };
const missing = error("There is no such style (or it was deleted).");
const readOnly = error("A built-in style: read-only (duplicate it to make your own).");

/** Own styles (issue 13): made, edited, duplicated, deleted (with undo), exported and imported. */
export const styleOperations: Operation[] = [
  {
    method: "get",
    path: "/api/styles",
    operationId: "listStyles",
    summary: "Own styles, oldest first",
    description: "The built-in styles are not listed: they ship with the app and never change.",
    tag: "Styles",
    access: "gated",
    responses: { 200: { description: "The own styles.", json: OwnStyleListSchema, name: "OwnStyleList" } },
  },
  {
    method: "post",
    path: "/api/styles",
    operationId: "createStyle",
    summary: "Make a style",
    description: "`id` only to put back a style just deleted, when Undo's restore is no longer possible.",
    tag: "Styles",
    access: "gated",
    body: { schema: CreateStyleBodySchema, name: "CreateStyleBody" },
    responses: {
      201: { description: "The new style.", json: OwnStyleSchema, name: "OwnStyle" },
      400: error("A field is missing, too long or not one line; or the id is taken."),
    },
  },
  {
    method: "patch",
    path: "/api/styles/{id}",
    operationId: "updateStyle",
    summary: "Change an own style (every field)",
    tag: "Styles",
    access: "gated",
    pathParams: ownId,
    body: { schema: StyleInputSchema, name: "StyleInput" },
    responses: {
      200: { description: "The style as saved.", json: OwnStyleSchema },
      400: error("A field is missing, too long or not one line."),
      403: readOnly,
      404: missing,
    },
  },
  {
    method: "delete",
    path: "/api/styles/{id}",
    operationId: "deleteStyle",
    summary: "Delete an own style",
    description:
      "It can be brought back for a day (POST /api/styles/{id}/restore). Versions refined in it keep its snapshot.",
    tag: "Styles",
    access: "gated",
    pathParams: ownId,
    responses: { 204: { description: "Deleted.", empty: true }, 403: readOnly, 404: missing },
  },
  {
    method: "post",
    path: "/api/styles/{id}/duplicate",
    operationId: "duplicateStyle",
    summary: "Copy a built-in or an own style as a new own style",
    tag: "Styles",
    access: "gated",
    pathParams: styleId,
    responses: { 201: { description: "The copy, named “… copy”.", json: OwnStyleSchema }, 404: missing },
  },
  {
    method: "post",
    path: "/api/styles/{id}/restore",
    operationId: "restoreStyle",
    summary: "Undo a delete",
    tag: "Styles",
    access: "gated",
    pathParams: ownId,
    responses: {
      200: { description: "The style, as it was.", json: OwnStyleSchema },
      404: error("No deleted style with this id (never made, not deleted, or purged)."),
    },
  },
  {
    method: "get",
    path: "/api/styles/{id}/sample",
    operationId: "getStyleSample",
    summary: "An own style's sample picture",
    description: "Rendered by the offline renderer on first ask, unless a gallery image was picked.",
    tag: "Styles",
    access: "gated",
    pathParams: ownId,
    query: z.object({ v: z.string().max(32).optional().describe("The style's last change: a URL kept for good.") }),
    responses: { 200: { description: "The sample.", binary: ["image/webp"] }, 404: missing },
  },
  {
    method: "post",
    path: "/api/styles/{id}/sample",
    operationId: "setStyleSample",
    summary: "Render a new sample offline, or take a gallery image's",
    tag: "Styles",
    access: "gated",
    pathParams: ownId,
    body: { schema: StyleSampleBodySchema, name: "StyleSampleBody" },
    responses: {
      200: { description: "The style with its new sample URL.", json: OwnStyleSchema },
      400: error("The body is not valid."),
      404: error("No such style, or no such gallery image."),
    },
  },
  {
    method: "get",
    path: "/api/styles/export",
    operationId: "exportStyles",
    summary: "The own styles as a file",
    tag: "Styles",
    access: "gated",
    responses: {
      200: {
        description: "Format promptsmith-styles, version 1 (no samples: an import renders them).",
        json: StylesFileSchema,
        name: "StylesFile",
        headers: { "Content-Disposition": 'attachment; filename="promptsmith-styles.json"' },
      },
    },
  },
  {
    method: "post",
    path: "/api/styles/import",
    operationId: "importStyles",
    summary: "Import a styles file, all or nothing",
    description:
      "An entry with an own style's id updates that style; the rest are new. Any wrong entry imports nothing, and the error names it: `styles[2].palette: too long (at most 200 characters)` (every one in `details`).",
    tag: "Styles",
    access: "gated",
    body: { schema: StylesFileSchema, name: "StylesFile" },
    responses: {
      200: { description: "What was created and updated.", json: StylesImportResultSchema, name: "StylesImportResult" },
      400: error("The file is not valid: nothing was imported."),
    },
  },
];
