import type { HouseRulesState } from "@/lib/schemas/house-rules";
import { request } from "./api";

/** GET /api/house-rules: the current version and every version, newest first. */
export function getHouseRules(): Promise<HouseRulesState> {
  return request("/api/house-rules");
}

/** PUT /api/house-rules: saves the text as the next version (the same text makes none). */
export function saveHouseRules(text: string): Promise<HouseRulesState> {
  return request("/api/house-rules", { method: "PUT", body: JSON.stringify({ text }) });
}
