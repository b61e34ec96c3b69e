import { z } from "zod";
import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { importStyles } from "@/lib/studio/styles/style-file";

export const dynamic = "force-dynamic";

/**
 * A styles file, all or nothing. The file is checked by the use case, not here, so a wrong entry
 * is named as the file has it ("styles[2].palette: too long …") and nothing is imported.
 */
export const POST = handle(async (request) => {
  const data = await parseJsonBody(request, z.unknown());
  return json(await importStyles(data));
});
