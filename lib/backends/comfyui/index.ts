export { type ComfyuiBackendOptions, comfyuiBackend, createComfyuiBackend } from "./backend";
export { PLACEHOLDERS, type PlaceholderName, REQUIRED_PLACEHOLDERS, type WorkflowValues } from "./placeholders";
export { type ApiWorkflow, fillWorkflow, type ValidatedWorkflow, validateWorkflow } from "./workflow";
