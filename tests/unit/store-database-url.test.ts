/**
 * DATABASE_URL chooses the store: a postgres:// or postgresql:// URL means Postgres, anything
 * else is a configuration error that names the variable and never repeats the password.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { getConfig, resetConfigForTests } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { getStore, resetStoreForTests } from "@/lib/store";

const SECRET = "s3cr3t-Pa55word";
const saved = process.env.DATABASE_URL;

function withDatabaseUrl(value: string | undefined): void {
  if (value === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = value;
  resetConfigForTests();
}

afterEach(async () => {
  await resetStoreForTests();
  withDatabaseUrl(saved);
  vi.restoreAllMocks();
});

describe("DATABASE_URL", () => {
  it.each([
    `postgres://promptsmith:${SECRET}@db.internal:5432/promptsmith`,
    "postgresql://postgres@127.0.0.1/promptsmith?sslmode=require",
    "postgres:///promptsmith?host=/var/run/postgresql",
  ])("accepts %s", (url) => {
    withDatabaseUrl(url);
    expect(getConfig().databaseUrl).toBe(url);
  });

  it.each([
    `mysql://admin:${SECRET}@db/x`,
    "not a url",
    `postgres://admin:${SECRET}@/no-host`,
    `http://admin:${SECRET}@db/x`,
  ])("refuses %s, naming the variable and not the password", (url) => {
    withDatabaseUrl(url);
    let message = "";
    try {
      getConfig();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).not.toContain(SECRET);
  });

  it("unset or empty means SQLite", () => {
    withDatabaseUrl("  ");
    expect(getConfig().databaseUrl).toBeUndefined();
  });

  it("set, makes getStore() a Postgres store, said at start without the password, connecting on first use", async () => {
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, "write").mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    }
    // Nothing listens on port 1: choosing the store must not connect, the first call must fail.
    withDatabaseUrl(`postgres://promptsmith:${SECRET}@127.0.0.1:1/promptsmith`);
    const store = getStore();
    const said = lines.join("");
    expect(said).toMatch(/"msg":"store: Postgres"/);
    expect(said).toContain("127.0.0.1:1/promptsmith");
    expect(said).not.toContain(SECRET);
    // Unreachable: 503 for a request, a line naming the variable for the start; the reason in the log only.
    const error = await store.getIdea("x").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "backend_unavailable",
      message: expect.stringMatching(/^Promptsmith: DATABASE_URL: /),
    });
    expect((error as Error).message).not.toMatch(/127\.0\.0\.1|promptsmith@/);
    expect(lines.join("")).toMatch(/store: Postgres does not answer.*ECONNREFUSED/);
    expect(lines.join("")).not.toContain(SECRET);
  });
});
