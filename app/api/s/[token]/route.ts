import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { getSharedView } from "@/lib/sharing/shared-view";

export const dynamic = "force-dynamic";

/** Open past the password gate: what the link's page shows, and nothing more (lib/sharing). */
export const GET = handle<{ token: string }>(async (_request, { token }) => json(await getSharedView(token)));
