import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { exportStyles } from "@/lib/studio/styles/style-file";

export const dynamic = "force-dynamic";

/** The own styles as a file (format "promptsmith-styles", version 1), offered as a download. */
export const GET = handle(async () =>
  json(await exportStyles(), 200, { "Content-Disposition": 'attachment; filename="promptsmith-styles.json"' }),
);
