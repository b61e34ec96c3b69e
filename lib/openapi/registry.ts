import { authOperations } from "./operations/auth";
import { comparisonOperations } from "./operations/comparisons";
import { fixOperations } from "./operations/fix";
import { generationOperations } from "./operations/generations";
import { houseRulesOperations } from "./operations/house-rules";
import { ideaOperations } from "./operations/ideas";
import { imageOperations } from "./operations/images";
import { libraryOperations } from "./operations/library";
import { openAiCompatOperations } from "./operations/openai-compat";
import { sharingOperations } from "./operations/sharing";
import { studioOperations } from "./operations/studio";
import { styleOperations } from "./operations/styles";
import { systemOperations } from "./operations/system";
import type { Operation } from "./types";

/*
 * Every route of the API, for GET /api/openapi.json (lib/openapi/document.ts builds it).
 *
 * HOW TO ADD A ROUTE: describe each method it exports as an Operation (./types.ts) in a file of
 * ./operations/ (a new one for a new area: `export const fooOperations: Operation[] = [...]`, then
 * one import and one spread below). Use the zod schemas the route parses with (body, query), and
 * for what it answers the schema of what it really sends; write one in ./answers.ts (or next to
 * your schemas) when there is none. Errors: `404: error("The idea is not there.")` and so on; the
 * gate's 401/403/413/429 are added by themselves. tests/unit/openapi-routes.test.ts fails while an
 * app/**\/route.ts method is missing here; tests/unit/openapi-answers.test.ts checks real answers.
 */
export const OPERATIONS: readonly Operation[] = [
  ...systemOperations,
  ...authOperations,
  ...studioOperations,
  ...styleOperations,
  ...generationOperations,
  ...ideaOperations,
  ...imageOperations,
  ...libraryOperations,
  ...comparisonOperations,
  ...fixOperations,
  ...houseRulesOperations,
  ...sharingOperations,
  ...openAiCompatOperations,
];
