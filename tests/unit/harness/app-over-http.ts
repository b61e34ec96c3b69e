/**
 * The app's proxy and a chosen set of its route handlers behind a real HTTP server, with the
 * server hook installed (lib/security/server-hooks.ts), as `next start` runs them: proxy.ts first
 * (gate, limits, refusals), then the route with the client key the proxy hands on. For tests whose
 * client is a real HTTP client (the openai SDK), without building the app.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { TRUSTED_CLIENT_HEADER } from "@/lib/auth/trusted-client";
import { installServerHooks, uninstallServerHooks } from "@/lib/security/server-hooks";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** "METHOD /path/:param/…" → handler. */
export type RouteTable = Record<string, Handler>;

export type AppOverHttp = { url: string; port: number; close(): Promise<void> };

function match(routes: RouteTable, method: string, pathname: string) {
  for (const [key, handler] of Object.entries(routes)) {
    const [m, pattern] = key.split(" ") as [string, string];
    if (m !== method) continue;
    const names: string[] = [];
    const re = new RegExp(
      `^${pattern.replace(/:([a-z]+)/gi, (_, n: string) => {
        names.push(n);
        return "([^/]+)";
      })}$`,
    );
    const found = re.exec(pathname);
    if (found) return { handler, params: Object.fromEntries(names.map((n, i) => [n, found[i + 1] ?? ""])) };
  }
  return undefined;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

async function send(res: http.ServerResponse, answer: Response) {
  const headers: Record<string, string> = {};
  answer.headers.forEach((v, k) => {
    if (!k.startsWith("x-middleware")) headers[k] = v;
  });
  const body = Buffer.from(await answer.arrayBuffer());
  delete headers["content-length"];
  res.writeHead(answer.status, { ...headers, "content-length": String(body.byteLength) });
  res.end(body);
}

export async function startAppOverHttp(routes: RouteTable, port = 0): Promise<AppOverHttp> {
  const { proxy } = await import("@/proxy");
  installServerHooks();
  const server = http.createServer(async (req, res) => {
    const stop = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) stop.abort();
    });
    try {
      const url = `http://${req.headers.host}${req.url}`;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === "string") headers.set(k, v);
        else if (Array.isArray(v)) headers.set(k, v.join(", "));
      }
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const init = { method: req.method, headers, body: body ? new Uint8Array(body) : undefined, signal: stop.signal };
      const gate = await proxy(new NextRequest(url, init));
      if (!gate.headers.get("x-middleware-next")) return await send(res, gate);
      const key = gate.headers.get(`x-middleware-request-${TRUSTED_CLIENT_HEADER}`);
      if (key) headers.set(TRUSTED_CLIENT_HEADER, key);
      const found = match(routes, req.method ?? "GET", new URL(url).pathname);
      if (!found) return await send(res, Response.json({ error: "no such route in the test" }, { status: 404 }));
      const answer = await found.handler(new Request(url, init), { params: Promise.resolve(found.params) });
      await send(res, answer);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        uninstallServerHooks();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
