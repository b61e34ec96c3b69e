#!/usr/bin/env node
/**
 * Issue 15.5: what N unauthenticated slow uploads cost a running server. Each connection sends
 * the headers of a POST to a gated API route and all but the last byte of a body, then stalls.
 * Prints the server's RSS (VmRSS of PID, and of its children) before and after, and how many
 * connections the server answered and closed while the body was still owed.
 *
 *   node bench/slow-uploads.mjs <port> <server pid> [connections=30] [bytes=1900000] [mode=length|chunked] [wait s=5]
 */
import { readFileSync } from "node:fs";
import net from "node:net";

const [port, pid, n = "30", bytes = "1900000", mode = "length", wait = "5"] = process.argv.slice(2);
if (!port || !pid) {
  console.error("usage: node bench/slow-uploads.mjs <port> <server pid> [connections] [bytes] [length|chunked]");
  process.exit(2);
}

/** RSS in MB of a process and its descendants (Linux /proc). */
function rssMb(root) {
  const seen = new Set();
  let kb = 0;
  const visit = (p) => {
    if (seen.has(p)) return;
    seen.add(p);
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/))
        if (task) visit(task);
    } catch {}
  };
  visit(root);
  return kb / 1024;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const total = Number(bytes);
const before = rssMb(pid);
const sockets = [];
let answered = 0;
let closed = 0;
const started = Date.now();
for (let i = 0; i < Number(n); i++) {
  const socket = net.connect(Number(port), "127.0.0.1");
  sockets.push(socket);
  socket.on("error", () => {});
  socket.once("data", () => answered++);
  socket.on("close", () => closed++);
  socket.on("connect", async () => {
    const length = mode === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${total}`;
    socket.write(
      `POST /api/ideas HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${length}\r\n\r\n`,
    );
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    while (sent < total - 1 && !socket.destroyed) {
      const size = Math.min(piece.length, total - 1 - sent);
      const chunk = piece.subarray(0, size);
      const data =
        mode === "chunked"
          ? Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])
          : chunk;
      if (!socket.write(data)) await new Promise((r) => socket.once("drain", r).once("close", r));
      sent += size;
    }
    // The last byte never comes: the upload stalls.
  });
}
await sleep(Number(wait) * 1000);
const after = rssMb(pid);
console.log(
  JSON.stringify({
    connections: Number(n),
    bytesEach: total,
    mode,
    rssBeforeMb: Math.round(before),
    rssAfterMb: Math.round(after),
    growthMb: Math.round(after - before),
    answered,
    closedByServer: closed,
    afterSeconds: Number(wait),
    seconds: (Date.now() - started) / 1000,
  }),
);
for (const s of sockets) s.destroy();
process.exit(0);
