/**
 * The body of each fake's cli.ts: start it on PORT (or its usual port), print
 * "<name> listening on <url>", and close it on SIGINT or SIGTERM.
 */

export type RunningFake = { url: string; close(): Promise<void> };

/** A number from the environment, or undefined when the variable is unset or empty. */
export function envNumber(name: string): number | undefined {
  const value = process.env[name];
  return value ? Number(value) : undefined;
}

export function runFakeCli(name: string, defaultPort: number, start: (port: number) => Promise<RunningFake>): void {
  const main = async () => {
    const port = Number(process.env.PORT ?? defaultPort);
    const fake = await start(port);
    console.log(`${name} listening on ${fake.url}`);
    const stop = () => {
      void fake.close().finally(() => process.exit(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  };
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
