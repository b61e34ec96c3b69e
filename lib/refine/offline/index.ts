export { approxClipTokens } from "./clip-tokens";
export { OFFLINE_MODEL } from "./model";
export { createOfflineRefiner, offlineRefiner } from "./offline-refiner";
export { refineOffline } from "./refine-offline";
