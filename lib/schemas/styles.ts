import { z } from "zod";
import { IsoDateSchema } from "./common";
import { isOwnStyleId, OWN_STYLE_ID_PREFIX, STYLE_FIELD_CAPS, STYLE_IDS, STYLE_PART_NAMES } from "./names";

export { isOwnStyleId, OWN_STYLE_ID_PREFIX, STYLE_IDS };

/** The 15 presets that ship with the app (lib/styles.ts): read-only, but they can be duplicated. */
export const BuiltInStyleIdSchema = z.enum(STYLE_IDS);
export type BuiltInStyleId = z.infer<typeof BuiltInStyleIdSchema>;

/** An own style's id: "own-" and an opaque id, so it never collides with a built-in one. */
export const OwnStyleIdSchema = z.templateLiteral([OWN_STYLE_ID_PREFIX, z.string().regex(/^[A-Za-z0-9_-]{1,60}$/)]);
export type OwnStyleId = z.infer<typeof OwnStyleIdSchema>;

export const StyleIdSchema = z.union([BuiltInStyleIdSchema, OwnStyleIdSchema]);
export type StyleId = z.infer<typeof StyleIdSchema>;

export function isBuiltInStyleId(id: string): id is BuiltInStyleId {
  return (STYLE_IDS as readonly string[]).includes(id);
}

export { STYLE_FIELD_CAPS, STYLE_PART_NAMES };
export type StylePartName = (typeof STYLE_PART_NAMES)[number];

/**
 * One line of text: no line breaks or other control characters, since parts are pasted into the
 * refiner's system prompt line by line, where a newline could start a line of its own.
 */
function line(max: number, required: boolean) {
  const base = z
    .string("must be text")
    .trim()
    .max(max, `too long (at most ${max} characters)`)
    .regex(/^[^\p{Cc}]*$/u, "must be one line, without control characters");
  return required ? base.min(1, "required") : base;
}

export const StylePartsSchema = z.strictObject({
  medium: line(STYLE_FIELD_CAPS.medium, true),
  lighting: line(STYLE_FIELD_CAPS.lighting, true),
  palette: line(STYLE_FIELD_CAPS.palette, true),
  camera: line(STYLE_FIELD_CAPS.camera, true),
  detail: line(STYLE_FIELD_CAPS.detail, true),
  /** Tags for the negative prompt of tag-dialect backends; may be empty. */
  negative: line(STYLE_FIELD_CAPS.negative, false).default(""),
});
export type StyleParts = z.output<typeof StylePartsSchema>;

/** What a person writes: a name, one line of description, and the parts. */
export const StyleInputSchema = z.strictObject({
  label: line(STYLE_FIELD_CAPS.label, true),
  description: line(STYLE_FIELD_CAPS.description, false).default(""),
  ...StylePartsSchema.shape,
});
export type StyleInput = z.output<typeof StyleInputSchema>;

/** Where an own style's sample picture came from: the offline renderer, or a gallery image. */
export const StyleSampleSourceSchema = z.enum(["offline", "image"]);

export const OwnStyleSchema = z.object({
  id: OwnStyleIdSchema,
  label: z.string(),
  description: z.string(),
  medium: z.string(),
  lighting: z.string(),
  palette: z.string(),
  camera: z.string(),
  detail: z.string(),
  negative: z.string(),
  /** The sample's URL (GET /api/styles/:id/sample, versioned by updatedAt). */
  sample: z.string(),
  sampleSource: StyleSampleSourceSchema,
  /** The gallery image the sample was taken from (sampleSource "image"). */
  sampleImageId: z.string().nullable(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});
export type OwnStyle = z.infer<typeof OwnStyleSchema>;

/**
 * The style a version was refined in, as it was then: its id, name and parts. Own styles can be
 * edited or deleted later; the recipe keeps saying what was used.
 */
export const StyleSnapshotSchema = z.object({
  id: StyleIdSchema,
  label: z.string(),
  medium: z.string(),
  lighting: z.string(),
  palette: z.string(),
  camera: z.string(),
  detail: z.string(),
  negative: z.string(),
});
export type StyleSnapshot = z.infer<typeof StyleSnapshotSchema>;

/** POST /api/styles: a new style; `id` only to put back one just deleted (undo). */
export const CreateStyleBodySchema = StyleInputSchema.extend({ id: OwnStyleIdSchema.optional() });
export type CreateStyleBody = z.output<typeof CreateStyleBodySchema>;

/** POST /api/styles/:id/sample: render one offline, or take a gallery image's. */
export const StyleSampleBodySchema = z.discriminatedUnion("source", [
  z.strictObject({ source: z.literal("offline") }),
  z.strictObject({ source: z.literal("image"), imageId: z.string().min(1).max(64) }),
]);
export type StyleSampleBody = z.infer<typeof StyleSampleBodySchema>;

export const STYLES_FILE_FORMAT = "promptsmith-styles";
export const STYLES_FILE_VERSION = 1;
/** At most this many styles in one file. */
export const MAX_STYLES_PER_FILE = 200;

/**
 * The export/import file (version 1). An entry's `id` is kept when it is an own style's id (so
 * importing a file again updates those styles instead of doubling them); entries without one get
 * a new id. Samples are not in the file: each imported style gets an offline one.
 */
export const StylesFileSchema = z.strictObject({
  format: z.literal(STYLES_FILE_FORMAT, `must be "${STYLES_FILE_FORMAT}"`),
  version: z.literal(STYLES_FILE_VERSION, `must be ${STYLES_FILE_VERSION} (the only version this app reads)`),
  exportedAt: z.string().max(40).optional(),
  styles: z
    .array(
      StyleInputSchema.extend({
        id: z
          .string()
          .refine((id) => !isBuiltInStyleId(id), "is a built-in style's id (built-in styles are read-only)")
          .pipe(OwnStyleIdSchema)
          .optional(),
      }),
      "must be a list",
    )
    .max(MAX_STYLES_PER_FILE, `too many (at most ${MAX_STYLES_PER_FILE})`),
});
export type StylesFile = z.output<typeof StylesFileSchema>;

/** GET /api/styles. */
export const OwnStyleListSchema = z.object({ items: z.array(OwnStyleSchema) });
/** POST /api/styles/import. */
export const StylesImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  items: z.array(OwnStyleSchema),
});
