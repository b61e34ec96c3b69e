import Link from "next/link";
import { StarIcon } from "./star-icon";

/** An empty Library teaches how to fill it; a search that finds nothing says how to undo it. */
export function LibraryEmpty({ q }: { q: string }) {
  if (q) {
    return (
      <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-14 text-center">
        <p className="text-lg font-semibold">Nothing matches “{q}”</p>
        <p className="mt-1 text-sm text-muted">The search looks in names, prompts and ideas. Try other words.</p>
        <Link href="/library" className="btn btn-secondary mt-5">
          Show the whole library
        </Link>
      </div>
    );
  }
  return (
    <div className="rounded-xl border border-dashed border-line-strong/60 px-6 py-14 text-center">
      <p className="text-lg font-semibold">No starred prompts yet</p>
      <p className="mx-auto mt-1 max-w-md text-sm text-muted">
        The Library keeps the prompts worth coming back to, under names you choose.
      </p>
      <ol className="mx-auto mt-4 max-w-md list-inside list-decimal space-y-1 text-left text-sm text-muted">
        <li>Refine an idea in the Studio until the prompt is one you like.</li>
        <li>
          Press{" "}
          <span className="font-medium whitespace-nowrap text-ink">
            <StarIcon filled={false} className="inline size-3.5 align-[-0.125em]" /> Star
          </span>{" "}
          under the prompt (beside Generate) and give it a name.
        </li>
        <li>It appears here. Start a new idea from it whenever you like.</li>
      </ol>
      <Link href="/" className="btn btn-primary mt-6">
        Open the Studio
      </Link>
    </div>
  );
}
