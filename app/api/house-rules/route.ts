import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { HouseRulesBodySchema } from "@/lib/schemas/house-rules";
import { getHouseRulesState, saveHouseRules } from "@/lib/studio/house-rules";

export const dynamic = "force-dynamic";

export const GET = handle(async () => json(await getHouseRulesState()));

/** 201 when a new version was saved; 200 when the text is the current version's (nothing new). */
export const PUT = handle(async (request) => {
  const { state, created } = await saveHouseRules(await parseJsonBody(request, HouseRulesBodySchema));
  return json(state, created ? 201 : 200);
});
