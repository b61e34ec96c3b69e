export { FAKE_CHECKPOINTS, FAKE_SAMPLERS, FAKE_VERSION } from "./data";
export {
  type A1111ModeSetting,
  FAKE_A1111_ENDPOINTS,
  FAKE_A1111_MODES,
  type FakeA1111Endpoint,
  type FakeA1111Mode,
} from "./modes";
export {
  type FakeA1111,
  type FakeA1111Options,
  type RecordedA1111Request,
  startFakeA1111,
  type Txt2imgActivity,
} from "./server";
