/**
 * EventSource as the browser has it: named events are MessageEvents; a broken connection is a
 * plain `error` Event. jsdom has none; stub it in with `vi.stubGlobal("EventSource", FakeEventSource)`
 * and reset `FakeEventSource.all` before each test.
 */
export class FakeEventSource extends EventTarget {
  static all: FakeEventSource[] = [];
  readonly url: string;
  closed = false;
  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.all.push(this);
  }
  close() {
    this.closed = true;
  }
  send(event: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(event, { data: JSON.stringify(data) }));
  }
  /** The server went away: what Chromium fires when the stream's socket closes. */
  drop() {
    this.dispatchEvent(new Event("error"));
  }
  static for(id: string) {
    return FakeEventSource.all.filter((s) => s.url === `/api/generations/${id}/events`);
  }
}
