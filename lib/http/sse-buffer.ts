import "server-only";
import type { SseSender } from "./sse";

export type BufferedSender = SseSender & {
  /** Sends what waited, in order, then passes every later event straight to `sse`. */
  attach(sse: SseSender): void;
};

/**
 * A sender for work that starts before its response exists (the refiner runs while the idea is
 * still being moderated, and the answer's status waits for that verdict): events wait here until
 * the stream is attached. Unattached, they are dropped with the buffer.
 */
export function bufferedSender(): BufferedSender {
  let target: SseSender | undefined;
  let waiting: Array<[string, unknown]> = [];
  let closedEarly = false;
  return {
    send(event, data) {
      if (target) target.send(event, data);
      else if (!closedEarly) waiting.push([event, data]);
    },
    close() {
      if (target) target.close();
      else closedEarly = true;
    },
    get closed() {
      return target ? target.closed : closedEarly;
    },
    attach(sse) {
      for (const [event, data] of waiting) sse.send(event, data);
      waiting = [];
      target = sse;
      if (closedEarly) sse.close();
    },
  };
}
