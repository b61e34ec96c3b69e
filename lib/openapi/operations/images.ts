import { DownloadQuerySchema, FavoriteBodySchema, ImagesQuerySchema } from "@/lib/schemas/api";
import { ImageCheckSchema } from "@/lib/schemas/checks";
import { ImageDetailSchema, ImageSchema } from "@/lib/schemas/entities";
import { RecipeSchema } from "@/lib/png/recipe";
import { z } from "zod";
import { ImagePageSchema } from "../answers";
import { error, type Operation } from "../types";

const id = { id: { description: "The image's id." } };
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

/** ?v=<content hash prefix> makes a thumbnail's URL content-addressed (cached for good); ?download names the file. */
const ThumbQuerySchema = DownloadQuerySchema.extend({
  v: z.string().max(64).optional().describe("The image's content hash (its first 16 hex): a URL cached for good."),
});
const RecipeQuerySchema = z
  .object({ download: z.literal("1").optional().describe("1: as a file to save (promptsmith-<id>.json).") })
  .strict();

/** The gallery: images, their files, recipes and checks. */
export const imageOperations: Operation[] = [
  {
    method: "get",
    path: "/api/images",
    operationId: "listImages",
    summary: "The gallery, newest first (or best score), with filters",
    description: "Pages of `limit`; pass `nextCursor` back as `cursor` for the next.",
    tag: "Images",
    access: "gated",
    query: ImagesQuerySchema,
    responses: {
      200: { description: "A page of images.", json: ImagePageSchema },
      400: error("A query parameter is not valid (or given twice)."),
    },
  },
  {
    method: "get",
    path: "/api/images/{id}",
    operationId: "getImage",
    summary: "An image with its version, idea, generation and latest check",
    tag: "Images",
    access: "gated",
    pathParams: id,
    responses: {
      200: { description: "The image.", json: ImageDetailSchema },
      404: error("The image is not there."),
    },
  },
  {
    method: "patch",
    path: "/api/images/{id}",
    operationId: "setFavorite",
    summary: "Mark an image a favorite, or not",
    tag: "Images",
    access: "gated",
    pathParams: id,
    body: { schema: FavoriteBodySchema, name: "FavoriteBody" },
    responses: {
      200: { description: "The image.", json: ImageSchema },
      400: error("The body is not valid."),
      404: error("The image is not there."),
    },
  },
  {
    method: "delete",
    path: "/api/images/{id}",
    operationId: "deleteImage",
    summary: "Delete an image and its files",
    tag: "Images",
    access: "gated",
    pathParams: id,
    responses: {
      204: { description: "Deleted.", empty: true },
      404: error("The image is not there."),
    },
  },
  {
    method: "get",
    path: "/api/images/{id}/file",
    operationId: "getImageFile",
    summary: "The full image, with its recipe embedded (PNG)",
    tag: "Images",
    access: "gated",
    pathParams: id,
    query: DownloadQuerySchema,
    responses: {
      200: {
        description: "The image's bytes.",
        binary: IMAGE_TYPES,
        headers: {
          ETag: "Revalidates it.",
          "Content-Disposition": "With ?download: a file named after the idea and seed.",
        },
      },
      304: { description: "If-None-Match named the current ETag.", empty: true },
      400: error("A query parameter is not valid (download is 1, true, 0 or false)."),
      404: error("The image is not there."),
    },
  },
  {
    method: "get",
    path: "/api/images/{id}/thumb",
    operationId: "getImageThumb",
    summary: "The image's thumbnail",
    tag: "Images",
    access: "gated",
    pathParams: id,
    query: ThumbQuerySchema,
    responses: {
      200: {
        description: "The thumbnail's bytes: immutable for a year at its content-addressed URL (?v=).",
        binary: IMAGE_TYPES,
        headers: { ETag: "Strong, from its content." },
      },
      304: { description: "If-None-Match named its ETag.", empty: true },
      400: error("With download: a query parameter is not valid."),
      404: error("The image is not there."),
    },
  },
  {
    method: "get",
    path: "/api/images/{id}/recipe",
    operationId: "getImageRecipe",
    summary: "The image's recipe as JSON: how it was made (the same as inside its PNG)",
    tag: "Images",
    access: "gated",
    pathParams: id,
    query: RecipeQuerySchema,
    responses: {
      200: {
        description: "The recipe.",
        json: RecipeSchema,
        headers: { "Content-Disposition": "With ?download=1: attachment." },
      },
      404: error("The image is not there."),
    },
  },
  {
    method: "post",
    path: "/api/images/{id}/check",
    operationId: "checkImage",
    summary: "Check the image against its version's checklist with the judge in use",
    tag: "Images",
    access: "gated",
    rateLimit: "check",
    pathParams: id,
    responses: {
      200: { description: "The check: a verdict per item and the score.", json: ImageCheckSchema },
      400: error("The version has no checklist."),
      404: error("The image is not there."),
      502: error("The judge answered with an error."),
      503: error("The judge is off (JUDGE=off), not configured, or does not answer."),
    },
  },
];
