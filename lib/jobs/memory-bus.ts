import "server-only";
import { EventEmitter } from "node:events";
import type { EventBus, JobEvent } from "./types";

/** The embedded mode's bus: one EventEmitter in this process. */
export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish(channel: string, event: JobEvent): void {
      emitter.emit(channel, event);
    },
    subscribe(channel: string, listener: (event: JobEvent) => void): () => void {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    async close(): Promise<void> {
      emitter.removeAllListeners();
    },
  };
}
