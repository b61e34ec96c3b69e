export { FAKE_MODES, type FakeMode, type ModeSetting } from "./modes";
export { DEFAULT_CHECKPOINTS, nodeDefs, SAMPLERS, SCHEDULERS } from "./node-defs";
export { type FakeComfyUI, type FakeComfyUIOptions, type RecordedRequest, startFakeComfyUI } from "./server";
export { validatePrompt } from "./validate-prompt";
