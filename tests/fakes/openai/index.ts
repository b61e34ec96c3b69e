export { validateAgainstContract, type ContractResult, type ContractSchemaName } from "./contract";
export { FAKE_REFUSAL, reportedModel } from "./chat";
export { FLAG_TERMS, MODERATION_CATEGORIES } from "./moderation-rules";
export { FAKE_ENDPOINTS, FAKE_MODES, type FakeEndpoint, type FakeMode, type ModeSetting } from "./modes";
export { type FakeOpenAI, type FakeOpenAIOptions, type RecordedRequest, startFakeOpenAI } from "./server";
