export { CATEGORY_LABELS, type CategoryId } from "./categories";
export { logModerationMode } from "./mode-log";
export {
  assertAllowed,
  getActivePolicy,
  type ModeratedField,
  type ModerationRequest,
  type ModerationStage,
  type ModerationVerdict,
  moderate,
} from "./moderate";
