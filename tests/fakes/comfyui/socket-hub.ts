import WebSocket from "ws";

/**
 * The open /ws connections by client id (ComfyUI's `sid`). Execution events go to the one
 * client that queued the prompt; `status` goes to everyone. A client id that reconnects
 * replaces its old socket, as ComfyUI does.
 */
export class SocketHub {
  private readonly sockets = new Map<string, WebSocket>();

  add(sid: string, ws: WebSocket): void {
    const old = this.sockets.get(sid);
    if (old && old !== ws) old.close(1001, "New connection established");
    this.sockets.set(sid, ws);
    ws.on("close", () => {
      if (this.sockets.get(sid) === ws) this.sockets.delete(sid);
    });
  }

  send(sid: string | undefined, type: string, data: unknown): void {
    const ws = sid ? this.sockets.get(sid) : undefined;
    if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type, data }));
  }

  /** A binary frame: a 4-byte big-endian event type, then the payload (live previews). */
  sendBinary(sid: string | undefined, event: number, payload: Buffer): void {
    const ws = sid ? this.sockets.get(sid) : undefined;
    if (ws?.readyState !== WebSocket.OPEN) return;
    const head = Buffer.alloc(4);
    head.writeUInt32BE(event, 0);
    ws.send(Buffer.concat([head, payload]), { binary: true });
  }

  broadcast(type: string, data: unknown): void {
    const text = JSON.stringify({ type, data });
    for (const ws of this.sockets.values()) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  }

  /** Cuts a client off without a closing handshake, as a dropped network does. */
  drop(sid: string | undefined): void {
    const ws = sid ? this.sockets.get(sid) : undefined;
    ws?.terminate();
  }

  connected(): string[] {
    return [...this.sockets.keys()];
  }

  closeAll(): void {
    for (const ws of this.sockets.values()) ws.terminate();
    this.sockets.clear();
  }
}
