// Runs s3rver in its own process for the S3 tests: `node --openssl-legacy-provider s3rver-process.mjs <dir> <bucket>...`.
// s3rver makes ListObjectsV2 continuation tokens with DES, which Node 17+'s OpenSSL 3 only offers
// through its legacy provider; the flag belongs to this process alone, not to the app under test.
// Prints {"port":N} once it listens on 127.0.0.1; stops on SIGTERM.
import S3rver from "s3rver";

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on("SIGTERM", () => {
  server.close().finally(() => process.exit(0));
});
