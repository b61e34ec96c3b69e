import "server-only";

const number = new Intl.NumberFormat("en-US");

/** A line such as `ideas 1,200/5,000` for a person watching, or a test. */
export type ProgressSink = (line: string) => void;

/**
 * Counts one phase (a table, the images) and says where it is at most once every `everyMs`,
 * plus once at the end: a few lines a minute, however many batches.
 */
export function progressOf(label: string, total: number, sink: ProgressSink, everyMs = 1000) {
  let done = 0;
  let said = 0;
  const say = () => sink(`${label} ${number.format(done)}/${number.format(total)}`);
  return {
    add(n: number) {
      done += n;
      const now = Date.now();
      if (now - said >= everyMs && done < total) {
        said = now;
        say();
      }
    },
    end: say,
  };
}

export const formatCount = (n: number) => number.format(n);
