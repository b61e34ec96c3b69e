import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { exportResponse } from "@/lib/sharing/export/export-archive";
import { loadComparisonExport } from "@/lib/sharing/export/export-comparison";

export const dynamic = "force-dynamic";

/** The comparison as a ZIP (its cells' images, idea.json, prompts.md, index.html), streamed; 404 before any byte when it is gone. */
export const GET = handle<{ id: string }>(async (_request, { id }) =>
  exportResponse(await loadComparisonExport(parseId(id, "The comparison"))),
);
