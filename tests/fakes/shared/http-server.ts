import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errorMessage } from "./error-message";

/**
 * A node http server whose handler may throw: the error is logged as "<name>: <message>" and
 * answered with `fail` (the fake's own 500), or the socket is cut if the answer had begun.
 */
export function createFakeServer(
  name: string,
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>,
  fail: (res: ServerResponse, message: string) => void,
): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    handle(req, res, url).catch((e: unknown) => {
      const message = errorMessage(e);
      console.error(`${name}: ${message}`);
      if (!res.headersSent) fail(res, message);
      else res.destroy();
    });
  });
}

/** Listens on 127.0.0.1 (port 0: any free one) and resolves with the port. */
export async function listenLocal(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Hanging answers and keep-alive sockets would hold close() open for ever.
    server.closeAllConnections();
  });
}
