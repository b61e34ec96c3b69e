import { HouseRulesBodySchema, HouseRulesSchema, HouseRulesStateSchema } from "@/lib/schemas/house-rules";
import { error, type Operation } from "../types";

/** House rules (issue 13): the team's standing preferences for the refiner, versioned. */
export const houseRulesOperations: Operation[] = [
  {
    method: "get",
    path: "/api/house-rules",
    operationId: "getHouseRules",
    summary: "The current house rules and every version, newest first",
    tag: "House rules",
    access: "gated",
    responses: {
      200: { description: "current is null before the first save.", json: HouseRulesStateSchema },
    },
  },
  {
    method: "put",
    path: "/api/house-rules",
    operationId: "saveHouseRules",
    summary: "Save the house rules as the next version",
    description:
      'The text is added to every refinement\'s system prompt as a fenced preference, below the safety rules and the answer format; "" clears them (a version too). POST /api/refine with houseRules: false ignores them for one refinement.',
    tag: "House rules",
    access: "gated",
    body: { schema: HouseRulesBodySchema, name: "HouseRulesBody" },
    responses: {
      201: { description: "Saved as a new version.", json: HouseRulesStateSchema },
      200: { description: "The text is the current version's: nothing new was saved.", json: HouseRulesStateSchema },
      400: error("The body is not valid, or the text is longer than 2,000 characters (nothing is saved)."),
    },
  },
  {
    method: "get",
    path: "/api/house-rules/{version}",
    operationId: "getHouseRulesVersion",
    summary: "One version of the house rules (as a recipe names it)",
    tag: "House rules",
    access: "gated",
    pathParams: { version: { description: "The version number (1, 2, 3…).", schema: HouseRulesSchema.shape.version } },
    responses: {
      200: { description: "That version.", json: HouseRulesSchema },
      404: error("There is no such version."),
    },
  },
];
