import { z } from "zod";
import { DownloadQuerySchema } from "@/lib/schemas/api";
import {
  CreateShareBodySchema,
  CreatedShareSchema,
  FeedbackBodySchema,
  SharedViewSchema,
  SharesQuerySchema,
} from "@/lib/schemas/shares";
import { OkSchema, ShareListSchema } from "../answers";
import { error, type Operation } from "../types";
import { IMAGE_TYPES } from "./images";

/** 32 random bytes, base64url (lib/sharing/share-token.ts); anything else answers as a dead link does. */
const token = {
  description: "The link's token: the part after /s/.",
  schema: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
};
const deadLink = error("The link does not lead anywhere (revoked, never made, or what it named is gone).");
const expired = error("The link has expired.");
const tooOften = error("The link was opened (or written to) too often just now; Retry-After says when.");

/** Share links: the owner's side (make, list, revoke), and what a visitor with the link may read and send. */
export const sharingOperations: Operation[] = [
  {
    method: "get",
    path: "/api/shares",
    operationId: "listShares",
    summary: "Share links, all or those of one idea, comparison or image",
    description: "Never the tokens: only their hashes are kept.",
    tag: "Sharing",
    access: "gated",
    query: SharesQuerySchema,
    responses: {
      200: { description: "The links, newest first.", json: ShareListSchema, name: "ShareList" },
      400: error("kind and id must come together."),
    },
  },
  {
    method: "post",
    path: "/api/shares",
    operationId: "createShare",
    summary: "Make a read-only link to an idea, a comparison or an image",
    tag: "Sharing",
    access: "gated",
    body: { schema: CreateShareBodySchema, name: "CreateShareBody" },
    responses: {
      201: { description: "The link, with its URL path `/s/<token>` (shown this once).", json: CreatedShareSchema },
      400: error("The body is not valid (an expiry in the past…)."),
      404: error("What it names is not there."),
    },
  },
  {
    method: "delete",
    path: "/api/shares/{id}",
    operationId: "revokeShare",
    summary: "Revoke a share link",
    tag: "Sharing",
    access: "gated",
    pathParams: { id: { description: "The share's id (not its token)." } },
    responses: {
      204: { description: "Revoked: the link leads nowhere from now on.", empty: true },
      404: error("The share is not there."),
    },
  },
  {
    method: "get",
    path: "/api/s/{token}",
    operationId: "getSharedView",
    summary: "What a share link shows (for visitors; open past the gate)",
    description: "Nothing but what the link names; image URLs are the link's own.",
    tag: "Shared links",
    access: "public",
    pathParams: { token },
    responses: {
      200: { description: "The shared idea, comparison or image.", json: SharedViewSchema },
      404: deadLink,
      410: expired,
      429: tooOften,
    },
  },
  {
    method: "post",
    path: "/api/s/{token}/feedback",
    operationId: "postFeedback",
    summary: "Leave a note or a vote through a share link that takes feedback",
    tag: "Shared links",
    access: "public",
    pathParams: { token },
    body: { schema: FeedbackBodySchema, name: "FeedbackBody", description: "At most a few kB." },
    responses: {
      201: {
        description: "Taken. Nothing is echoed: visitors never see one another's feedback.",
        json: OkSchema,
        name: "Ok",
      },
      400: error("The body is not valid."),
      404: error("The link leads nowhere, takes no feedback, or the image is not one it shows."),
      410: expired,
      429: tooOften,
    },
  },
  ...(["file", "thumb"] as const).map(
    (kind): Operation => ({
      method: "get",
      path: `/api/s/{token}/images/{imageId}/${kind}`,
      operationId: kind === "file" ? "getSharedImageFile" : "getSharedImageThumb",
      summary: kind === "file" ? "A shared image's file" : "A shared image's thumbnail",
      description: "Only an image the link shows; any other id answers as a dead link does.",
      tag: "Shared links",
      access: "public",
      pathParams: { token, imageId: { description: "The image's id." } },
      query: DownloadQuerySchema,
      responses: {
        200: { description: "The image's bytes.", binary: IMAGE_TYPES, headers: { ETag: "Revalidates it." } },
        304: { description: "If-None-Match named the current ETag.", empty: true },
        400: error("A query parameter is not valid."),
        404: deadLink,
        410: expired,
        429: tooOften,
      },
    }),
  ),
];
