import "server-only";

/** The AUTOMATIC1111 / Forge adapter, plus the pure pieces its tests look into. */
export {
  A1111_DEFAULT_MODEL,
  type Automatic1111Options,
  automatic1111Backend,
  createAutomatic1111Backend,
} from "./backend";
export { type A1111Info, parseInfo } from "./info";
export { buildTxt2imgRequest, DEFAULT_SAMPLER, type Txt2imgBody } from "./request";
