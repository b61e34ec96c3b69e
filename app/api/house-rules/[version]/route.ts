import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import { HouseRulesVersionParamSchema } from "@/lib/schemas/house-rules";
import { getHouseRulesVersion } from "@/lib/studio/house-rules";

export const dynamic = "force-dynamic";

export const GET = handle<{ version: string }>(async (_request, { version }) => {
  const parsed = HouseRulesVersionParamSchema.safeParse(/^\d{1,10}$/.test(version) ? version : "x");
  if (!parsed.success) throw new AppError("not_found", "There is no such house rules version.");
  return json(await getHouseRulesVersion(parsed.data));
});
