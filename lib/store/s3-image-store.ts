import "server-only";
import type { GetObjectCommandOutput, S3Client } from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors";
import { deferredThumbnails } from "./deferred-thumbnails";
import { checkImageFormat, formatForMime, mimeForFormat, THUMB_MIME } from "./image-format";
import type { ImageFiles } from "./types";

export type S3ImageStoreOptions = {
  bucket: string;
  /** S3_ENDPOINT: MinIO, R2, B2…; unset means AWS for the region. */
  endpoint?: string;
  region: string;
  /** `endpoint/bucket/key` rather than `bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 page (S3's own maximum is 1000); tests make it small to prove the paging. */
  pageSize?: number;
};

/**
 * The SDK is loaded on first use (about 0.3 s of start-up): an embedded server (STORAGE=files)
 * never pays for it.
 */
type Sdk = typeof import("@aws-sdk/client-s3");
let sdkLoad: Promise<Sdk> | undefined;
const loadSdk = () => {
  sdkLoad ??= import("@aws-sdk/client-s3");
  return sdkLoad;
};

const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** `images/<id>/full` (the bytes, typed by Content-Type) and `images/<id>/thumb.webp`. */
const PREFIX = "images/";
const KEY = /^images\/([A-Za-z0-9_-]{1,128})\/(?:full|thumb\.webp)$/;

const fullKey = (id: string) => `${PREFIX}${id}/full`;
const thumbKey = (id: string) => `${PREFIX}${id}/thumb.webp`;

/** Ids become keys: the same rule as the file store, so one id is valid in both. */
function checkId(id: string): string {
  if (!ID.test(id)) throw new AppError("invalid_request", "bad image id");
  return id;
}

type SdkError = { name?: string; code?: string; cause?: { code?: string }; $metadata?: { httpStatusCode?: number } };

const CONNECT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ETIMEDOUT"]);
const ACCESS_NAMES = new Set([
  "AccessDenied",
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "Forbidden",
  "CredentialsProviderError",
]);

/**
 * What went wrong, for a person, naming the variable to look at. Never the error's own message:
 * it can carry a request's signed headers.
 */
function unavailable(e: unknown, endpointSet: boolean): AppError {
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? "";
  const code = err.code ?? err.cause?.code ?? "";
  const status = err.$metadata?.httpStatusCode;
  let reason: string;
  if (name === "NoSuchBucket" || (name === "NotFound" && status === 404))
    reason = "the bucket does not exist (S3_BUCKET)";
  else if (ACCESS_NAMES.has(name) || status === 403) {
    reason = "access was denied (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)";
  } else if (CONNECT_CODES.has(code) || CONNECT_CODES.has(name)) {
    reason = `it cannot be reached, ${code || name} (${endpointSet ? "S3_ENDPOINT" : "S3_REGION"})`;
  } else if (name === "TimeoutError" || name === "RequestTimeout") reason = "it did not answer in time";
  else reason = `it answered ${name || "an error"}${status ? ` (HTTP ${status})` : ""}`;
  return new AppError("backend_unavailable", `The image storage is unavailable: ${reason}.`, { cause: e });
}

/**
 * Image bytes and thumbnails in an S3-compatible bucket (STORAGE=s3). A PUT replaces an object
 * whole, so readers see the old bytes or the new, never half. The image is checked before
 * anything is sent; its thumbnail follows once it is stored (lib/store/deferred-thumbnails.ts),
 * as in the file store.
 */
export function createS3ImageStore(options: S3ImageStoreOptions): ImageFiles {
  const { bucket, pageSize = 1000 } = options;
  let connection: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  // Made on first use: `next build` and a STORAGE=files server never load the SDK or credentials.
  const s3 = () => {
    connection ??= loadSdk().then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: options.region,
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle,
        // Checksums only where S3 requires them: several S3-compatible servers refuse the SDK's
        // newer default CRC headers on every request.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        // A storage that is gone must fail a request in seconds, not hang it.
        requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      }),
    }));
    return connection;
  };
  const endpointSet = Boolean(options.endpoint);
  const guarded = async <T>(work: (s: { sdk: Sdk; client: S3Client }) => Promise<T>): Promise<T> => {
    try {
      return await work(await s3());
    } catch (e) {
      throw e instanceof AppError ? e : unavailable(e, endpointSet);
    }
  };

  const removeKeys = ({ sdk, client }: { sdk: Sdk; client: S3Client }, id: string) =>
    Promise.all([
      client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: fullKey(id) })),
      client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: thumbKey(id) })),
    ]);

  const getObject = (id: string, kind: "full" | "thumb") =>
    guarded(async ({ sdk, client }) => {
      let answer: GetObjectCommandOutput;
      try {
        answer = await client.send(
          new sdk.GetObjectCommand({ Bucket: bucket, Key: kind === "thumb" ? thumbKey(id) : fullKey(id) }),
        );
      } catch (e) {
        if ((e as SdkError).name === "NoSuchKey") return undefined;
        throw e;
      }
      const array = await answer.Body?.transformToByteArray();
      if (!array) return undefined;
      const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
      return { bytes, mime: kind === "thumb" ? THUMB_MIME : (answer.ContentType ?? "application/octet-stream") };
    });
  const thumbnails = deferredThumbnails({
    writeThumb: (id, thumb) =>
      guarded(async ({ sdk, client }) => {
        await client.send(
          new sdk.PutObjectCommand({ Bucket: bucket, Key: thumbKey(id), Body: thumb, ContentType: THUMB_MIME }),
        );
      }),
    readFull: (id) => getObject(id, "full"),
    // A HEAD, not a GET: it runs after every put.
    fullExists: (id) =>
      guarded(async ({ sdk, client }) => {
        try {
          await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: fullKey(id) }));
          return true;
        } catch (e) {
          const err = e as SdkError;
          if (err.name === "NotFound" || err.name === "NoSuchKey" || err.$metadata?.httpStatusCode === 404)
            return false;
          throw e;
        }
      }),
    removeThumb: (id) =>
      guarded(async ({ sdk, client }) => {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: thumbKey(id) }));
      }),
  });

  return {
    async put(id, bytes, mime) {
      checkId(id);
      const format = formatForMime(mime);
      // Checked before anything is sent: a bad image fails here and leaves nothing.
      await checkImageFormat(bytes, format);
      await guarded(async ({ sdk, client }) => {
        // A rewrite must not leave the old thumbnail standing for the new image.
        await client.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: thumbKey(id) }));
        await client.send(
          new sdk.PutObjectCommand({
            Bucket: bucket,
            Key: fullKey(id),
            Body: bytes,
            ContentType: mimeForFormat(format),
          }),
        );
      });
      // The image is durable: the thumbnail follows.
      thumbnails.schedule(id, bytes, format);
      return { byteSize: bytes.byteLength };
    },

    async read(id, kind, opts = {}) {
      checkId(id);
      if (kind === "full") return getObject(id, "full");
      const bytes = await thumbnails.read(id, async () => (await getObject(id, "thumb"))?.bytes, opts.make);
      return bytes && { bytes, mime: THUMB_MIME };
    },

    settled: () => thumbnails.settled(),

    async remove(id) {
      checkId(id);
      // Deleting a key that is not there succeeds: removing twice is fine.
      await guarded((s) => removeKeys(s, id));
    },

    async listIds(opts = {}) {
      const before = opts.writtenBefore?.getTime();
      return guarded(async ({ sdk, client }) => {
        const ids = new Set<string>();
        // The paginator follows ListObjectsV2's continuation tokens: one page holds at most 1000 keys.
        const pages = sdk.paginateListObjectsV2({ client, pageSize }, { Bucket: bucket, Prefix: PREFIX });
        for await (const page of pages) {
          for (const object of page.Contents ?? []) {
            const id = object.Key && KEY.exec(object.Key)?.[1];
            if (!id) continue;
            if (before !== undefined && !(object.LastModified && object.LastModified.getTime() < before)) continue;
            ids.add(id);
          }
        }
        return [...ids].sort();
      });
    },

    async ping() {
      await guarded(({ sdk, client }) => client.send(new sdk.HeadBucketCommand({ Bucket: bucket })));
    },
  };
}
