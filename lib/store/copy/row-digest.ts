import "server-only";
import type { Row } from "./loose-db";

/**
 * One value in a form both drivers agree on, tagged with its kind, so that equal data gives
 * equal text whichever database it was read from:
 * - numbers: SQLite's INTEGER and REAL and Postgres' bigint and double precision all reach JS
 *   as numbers (open-postgres.ts parses int8 to Number), but a driver may hand a bigint, or a
 *   boolean for a 0/1 column; all become one decimal string. Integers are written in full
 *   (4000000000, never 4e9), others as JS's shortest round-trip form, and -0 as 0;
 * - text, including the JSON the tables keep as text, is compared as it is: it is copied
 *   verbatim, so any difference in it is a real one (canonicalising JSON would hide a change);
 * - bytes as hex; NULL as null.
 */
function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return ["s", value];
  if (typeof value === "bigint") return ["n", value.toString()];
  if (typeof value === "boolean") return ["n", value ? "1" : "0"];
  if (typeof value === "number") {
    if (Object.is(value, -0)) return ["n", "0"];
    return ["n", Number.isInteger(value) ? BigInt(value).toString() : String(value)];
  }
  if (value instanceof Uint8Array) return ["b", Buffer.from(value).toString("hex")];
  if (value instanceof Date) return ["s", value.toISOString()];
  throw new Error(`db:copy cannot compare a ${typeof value} value`);
}

/** Every column of a row, by name, as one line of JSON: the unit both sides' digests are made of. */
export function canonicalRow(row: Row): string {
  const columns = Object.keys(row).sort();
  return JSON.stringify(columns.map((c) => [c, canonical(row[c])]));
}
