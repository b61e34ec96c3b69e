/** Recorded on every version this refiner writes; bump it when its output changes meaningfully. */
export const OFFLINE_MODEL = "offline-refiner-v3";
