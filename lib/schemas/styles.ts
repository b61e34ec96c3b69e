import { z } from "zod";
import { STYLE_IDS } from "./names";

export { STYLE_IDS };

export const StyleIdSchema = z.enum(STYLE_IDS);
export type StyleId = z.infer<typeof StyleIdSchema>;
