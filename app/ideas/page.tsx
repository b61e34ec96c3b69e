import type { Metadata } from "next";
import { IdeasBrowser } from "@/components/ideas/ideas-browser";
import { BACKENDS } from "@/lib/catalog";
import { ideasApiFilter, ideasFilterFrom, type SearchParamsRecord } from "@/lib/client/ideas-filter";
import { STYLE_PRESETS } from "@/lib/styles";
import { listIdeas } from "@/lib/studio/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ideas" };

const PAGE_SIZE = 24;

export default async function IdeasPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const filter = ideasFilterFrom(await searchParams);
  const page = await listIdeas({ ...ideasApiFilter(filter, Date.now()), limit: PAGE_SIZE });
  const backends = Object.values(BACKENDS).map((b) => ({ id: b.id, label: b.label }));
  const styles = STYLE_PRESETS.map((s) => ({ id: s.id, label: s.label }));

  return (
    <div className="space-y-6">
      <div className="min-w-0 space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Ideas</h1>
        <p className="text-sm text-muted">Every idea, the one you worked on last at the top. Open one to carry on.</p>
      </div>
      <IdeasBrowser initial={page} initialFilter={filter} pageSize={PAGE_SIZE} backends={backends} styles={styles} />
    </div>
  );
}
