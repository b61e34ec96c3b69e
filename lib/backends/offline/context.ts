import type { Palette } from "./palette";
import type { Rng } from "./prng";
import type { Drawn, SceneSpec, Setting, Weather } from "./scene-types";
import type { Defs } from "./svg";

/** Everything a layer needs to draw: the canvas, the scene, its colours and its layout choices. */
export type Ctx = {
  w: number;
  h: number;
  /** The short side: sizes are fractions of it, so every aspect ratio keeps its proportions. */
  m: number;
  scene: SceneSpec;
  pal: Palette;
  defs: Defs;
  rng: Rng;
  /** Where sky meets land or sea. */
  horizon: number;
  /** The subject's x, on a third of the width (chosen by the seed). */
  focusX: number;
  /** -1 when the subject sits on the left third (so it faces into the picture), 1 on the right. */
  side: -1 | 1;
  sunX: number;
  sunY: number;
  /** The seed's framing: wide shots make the subject small, close ones large. */
  subjectScale: number;
  /** What has been drawn so far, written by the layers as they draw (shared with sub-contexts). */
  drawn: Drawn;
  has(setting: Setting): boolean;
  weather(w: Weather): boolean;
};
