import type { Metadata } from "next";
import Link from "next/link";
import { LibraryEmpty } from "@/components/library/library-empty";
import { LibraryList } from "@/components/library/library-list";
import { LibrarySearch } from "@/components/library/library-search";
import { HouseRulesEditor } from "@/components/library/house-rules-editor";
import { getHouseRulesState } from "@/lib/studio/house-rules";
import { getCatalog } from "@/lib/studio/queries";
import { plural } from "@/lib/client/format";
import { listLibrary } from "@/lib/studio/library";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Library" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const PAGE_SIZE = 24;

export default async function LibraryPage({ searchParams }: { searchParams: SearchParams }) {
  const q = one((await searchParams).q)
    .trim()
    .slice(0, 200);
  const [page, houseRules, catalog] = await Promise.all([
    listLibrary({ ...(q ? { q } : {}), limit: PAGE_SIZE }),
    getHouseRulesState(),
    getCatalog(),
  ]);
  const offlineRefiner = Boolean(catalog.refiners.find((r) => r.id === catalog.defaults.refiner)?.offline);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Library</h1>
          <p className="text-sm text-muted">
            {q
              ? `${page.nextCursor ? "Starred prompts" : plural(page.items.length, "starred prompt")} matching “${q}”.`
              : "Starred prompts, kept under a name. Start a new idea from any of them."}
          </p>
        </div>
        {page.items.length || q ? <LibrarySearch q={q} /> : null}
      </div>
      {page.items.length ? <LibraryList key={q} initial={page} q={q} pageSize={PAGE_SIZE} /> : <LibraryEmpty q={q} />}
      <HouseRulesEditor initial={houseRules} offlineRefiner={offlineRefiner} />
      <section
        aria-labelledby="styles-link"
        className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-line bg-surface p-4 sm:p-5"
      >
        <div className="min-w-0">
          <h2 id="styles-link" className="text-lg font-semibold tracking-tight">
            Styles
          </h2>
          <p className="text-sm text-muted">
            Your own styles beside the built-in ones: make, edit, export and import them.
          </p>
        </div>
        <Link href="/library/styles" className="btn btn-secondary">
          Open styles
        </Link>
      </section>
    </div>
  );
}
