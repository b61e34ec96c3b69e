import { handle } from "@/lib/http/handle";
import { parseId } from "@/lib/http/parse";
import { exportResponse } from "@/lib/sharing/export/export-archive";
import { loadIdeaExport } from "@/lib/sharing/export/export-idea";

export const dynamic = "force-dynamic";

/** The idea as a ZIP (its images, idea.json, prompts.md, index.html), streamed; 404 before any byte when it is gone. */
export const GET = handle<{ id: string }>(async (_request, { id }) =>
  exportResponse(await loadIdeaExport(parseId(id, "The idea"))),
);
