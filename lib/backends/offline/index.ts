/** The embedded offline sketch backend: the adapter, the renderer, and the analyser the tests look into. */
export { analyzeScene } from "./analyze-scene";
export { OFFLINE_MODEL, offlineBackend } from "./backend";
export { type SceneManifest, sceneManifest } from "./manifest";
export { renderOfflineSketch, renderOfflineSketchWithManifest, type SketchRequest, sketchSvg } from "./render";
export type { SceneSpec } from "./scene-types";
