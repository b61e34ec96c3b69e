import type { Edit, EditContext } from "./context";
import { applyAdd, applyUnrecognised } from "./edit-add";
import { applyEmphasis } from "./edit-emphasis";
import { applyFraming } from "./edit-framing";
import { applyMood } from "./edit-mood";
import { applyPalette } from "./edit-palette";
import { applyRemove } from "./edit-remove";
import { applySeason } from "./edit-season";
import { applyStyle } from "./edit-style";
import { applyTime } from "./edit-time";
import { applyWeather } from "./edit-weather";

type Handlers = { [K in Edit["kind"]]: (ctx: EditContext, edit: Extract<Edit, { kind: K }>) => void };

/** One handler per kind of edit; the mapped type makes a new kind fail to compile until handled. */
const HANDLERS: Handlers = {
  time: (ctx, e) => applyTime(ctx, e.time),
  weather: (ctx, e) => applyWeather(ctx, e.weather),
  season: (ctx, e) => applySeason(ctx, e.season),
  mood: (ctx, e) => applyMood(ctx, e.mood, e.word),
  style: (ctx, e) => applyStyle(ctx, e),
  framing: (ctx, e) => applyFraming(ctx, e.framing),
  palette: (ctx, e) => applyPalette(ctx, e.palette),
  remove: (ctx, e) => applyRemove(ctx, e.target),
  add: (ctx, e) => applyAdd(ctx, e.target),
  emphasis: (ctx, e) => applyEmphasis(ctx, e.target, e.more),
  unrecognised: (ctx, e) => applyUnrecognised(ctx, e.text),
};

export function applyEdit(ctx: EditContext, edit: Edit): void {
  (HANDLERS[edit.kind] as (ctx: EditContext, edit: Edit) => void)(ctx, edit);
}
