import "server-only";
import type { HouseRules, HouseRulesBody, HouseRulesState } from "@/lib/schemas/house-rules";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { deps } from "./deps";

/** GET /api/house-rules: the current version and every version, newest first. */
export async function getHouseRulesState(): Promise<HouseRulesState> {
  const history = await deps().store.listHouseRules();
  return { current: history[0] ?? null, history };
}

/** GET /api/house-rules/:version. */
export async function getHouseRulesVersion(version: number): Promise<HouseRules> {
  const found = await deps().store.getHouseRules(version);
  if (!found) throw new AppError("not_found", `There is no house rules version ${version}.`);
  return found;
}

/**
 * PUT /api/house-rules: saves the text as the next version (the cap is the schema's, checked
 * before this runs, so a refused text changes nothing). The same text as the current version
 * makes no new one: a second click on Save must not fill the history with copies.
 */
export async function saveHouseRules(body: HouseRulesBody): Promise<{ state: HouseRulesState; created: boolean }> {
  const { store } = deps();
  const current = await store.getHouseRules();
  if (current && current.text === body.text) return { state: await getHouseRulesState(), created: false };
  if (!current && body.text === "") return { state: await getHouseRulesState(), created: false };
  const saved = await store.saveHouseRules(body.text, new Date().toISOString());
  log.info("house rules saved", { version: saved.version, chars: saved.text.length });
  return { state: await getHouseRulesState(), created: true };
}

/** What a refinement follows: the current version, when it has any text; undefined otherwise. */
export async function activeHouseRules(): Promise<{ version: number; text: string } | undefined> {
  const current = await deps().store.getHouseRules();
  return current?.text.trim() ? { version: current.version, text: current.text } : undefined;
}
