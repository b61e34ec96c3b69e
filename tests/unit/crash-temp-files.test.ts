/**
 * Temp files left by a write that a crash cut short: the next start on the same host removes
 * those of a dead writer at once (and its own, from a previous life under the same pid), and
 * leaves a live process's write in flight, another host's, and unknown ones until they are old.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { removeStaleTempFiles, tempNameFor, writeFileAtomic } from "@/lib/store/atomic-file";
import { createFileImageStore } from "@/lib/store/file-image-store";

const host = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);
const temp = (h: string, pid: number) => `.tmp-${h}-${pid}-${randomBytes(8).toString("hex")}-abc.png`;

/** The pid of a process that has just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(r.stdout.toString());
}

describe("temp files after a crash", () => {
  it("names temp files after this host and this process", () => {
    expect(tempNameFor("/x/abc.png")).toMatch(new RegExp(`^\\.tmp-${host}-${process.pid}-[0-9a-f]{16}-abc\\.png$`));
  });

  it("removes a dead writer's at once, keeps a live one's, another host's and unknown ones until old", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-temp-"));
    const dead = temp(host, deadPid());
    const ours = temp(host, process.pid);
    const live = temp(host, process.ppid);
    const otherHost = temp("0badc0de", deadPid());
    const legacy = ".tmp-0123456789abcdef-abc.png";
    const oldLegacy = ".tmp-fedcba9876543210-old.png";
    for (const name of [dead, ours, live, otherHost, legacy, oldLegacy]) writeFileSync(path.join(dir, name), "half");
    const anHourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(path.join(dir, oldLegacy), anHourAgo, anHourAgo);
    writeFileSync(path.join(dir, "kept.png"), "not a temp file");

    expect(removeStaleTempFiles(dir, 10 * 60_000)).toBe(3);
    expect(readdirSync(dir).sort()).toEqual([live, otherHost, legacy, "kept.png"].sort());
  });

  it("opening the image files sweeps them; a finished write leaves no temp file behind", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "promptsmith-temp-"));
    const dead = temp(host, deadPid());
    writeFileSync(path.join(dir, dead), "half an image");
    createFileImageStore(dir);
    expect(existsSync(path.join(dir, dead))).toBe(false);
    await writeFileAtomic(path.join(dir, "whole.png"), new Uint8Array([1, 2, 3]));
    expect(readdirSync(dir)).toEqual(["whole.png"]);
  });
});
