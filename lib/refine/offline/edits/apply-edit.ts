import type { PartName } from "@/lib/schemas/entities";
import { PART_WORDS } from "../../anatomy";
import { FRAMINGS } from "../vocab/framing";
import { SEASONS } from "../vocab/seasons";
import { TIMES } from "../vocab/times";
import { WEATHER } from "../vocab/weather";
import { hasPhrase } from "../words";
import { type Edit, type EditContext, quote } from "./context";
import { everySegment } from "./doc";
import { applyAdd, applyUnrecognised } from "./edit-add";
import { applyEmphasis } from "./edit-emphasis";
import { applyFraming } from "./edit-framing";
import { applyLight } from "./edit-light";
import { applyMood } from "./edit-mood";
import { applyPalette } from "./edit-palette";
import { applyRecolor } from "./edit-recolor";
import { applyRemove } from "./edit-remove";
import { applySeason } from "./edit-season";
import { applyStyle } from "./edit-style";
import { applyTime } from "./edit-time";
import { applyWeather } from "./edit-weather";

/** A handler returns false when it declined the edit (and said why in a note); anything else means done. */
type Handlers = { [K in Edit["kind"]]: (ctx: EditContext, edit: Extract<Edit, { kind: K }>) => unknown };

/** One handler per kind of edit; the mapped type makes a new kind fail to compile until handled. */
const HANDLERS: Handlers = {
  time: (ctx, e) => applyTime(ctx, e.time),
  weather: (ctx, e) => applyWeather(ctx, e.weather),
  season: (ctx, e) => applySeason(ctx, e.season),
  mood: (ctx, e) => applyMood(ctx, e.mood, e.word),
  style: (ctx, e) => applyStyle(ctx, e),
  framing: (ctx, e) => applyFraming(ctx, e.framing),
  palette: (ctx, e) => applyPalette(ctx, e.palette),
  light: (ctx, e) => applyLight(ctx, e.light, e.accent),
  remove: (ctx, e) => applyRemove(ctx, e.target),
  recolor: (ctx, e) => applyRecolor(ctx, e.target, e.color),
  add: (ctx, e) => applyAdd(ctx, e.target),
  emphasis: (ctx, e) => applyEmphasis(ctx, e.target, e.more),
  unrecognised: (ctx, e) => applyUnrecognised(ctx, e.text),
};

/** The part an edit exists to replace: when it is locked, the edit is declined, not half-done. */
function target(edit: Edit): { part: PartName; asked: string } | undefined {
  switch (edit.kind) {
    case "time":
      return { part: "lighting", asked: `the time of day to ${edit.time.key}` };
    case "light":
      return { part: "lighting", asked: `the light to ${quote(edit.light)}` };
    case "framing":
      return { part: "composition", asked: `the framing to ${edit.framing.key}` };
    case "palette":
      return { part: "palette", asked: `the palette to ${quote(edit.palette)}` };
    default:
      return undefined;
  }
}

/** Words that would contradict the edit if a locked part kept saying them ("at dusk" when night is asked). */
function contradicting(edit: Edit): readonly string[] {
  if (edit.kind === "time") return TIMES.filter((t) => t !== edit.time).flatMap((t) => t.names);
  if (edit.kind === "weather") return WEATHER.filter((w) => w.group !== edit.weather.group).flatMap((w) => w.names);
  if (edit.kind === "season") return SEASONS.filter((s) => s !== edit.season).flatMap((s) => s.names);
  // A locked "tight close-up" cannot sit beside a new bird's-eye view ("portrait of" names a genre, not a shot).
  if (edit.kind === "framing") {
    return FRAMINGS.filter((f) => f.key !== edit.framing.key && f.key !== "portrait").flatMap((f) => f.aliases);
  }
  return [];
}

/** Applies one edit, or says why a locked part kept it from applying. Returns whether it applied. */
export function applyEdit(ctx: EditContext, edit: Edit): boolean {
  const aimed = target(edit);
  if (aimed && ctx.locks.has(aimed.part)) {
    ctx.notes.push(
      `The ${PART_WORDS[aimed.part]} is locked, so it was kept word for word instead of changing ${aimed.asked}.`,
    );
    return false;
  }
  const words = contradicting(edit);
  const blocker = everySegment(ctx.doc).find((l) => l.seg.frozen && words.some((w) => hasPhrase(l.seg.text, w)))?.seg;
  const what = edit.kind === "time" ? "time of day" : edit.kind;
  if (blocker?.verbatim) {
    ctx.notes.push(
      `Your own prompt syntax says ${quote(blocker.text)}, which is kept as typed, so the ${what} was left as it was; change it in the Prompt box.`,
    );
    return false;
  }
  if (blocker?.part) {
    ctx.notes.push(
      `The ${PART_WORDS[blocker.part]} is locked and says ${quote(blocker.text)}, so the ${edit.kind === "time" ? "time of day" : edit.kind} was left as it was.`,
    );
    return false;
  }
  return (HANDLERS[edit.kind] as (ctx: EditContext, edit: Edit) => unknown)(ctx, edit) !== false;
}
