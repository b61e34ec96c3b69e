import type { IdeaAnalysis } from "../analyze";
import type { FramingEntry } from "../vocab/framing";
import type { MediumFamily } from "../vocab/media";
import type { MoodEntry } from "../vocab/moods";
import type { SeasonEntry } from "../vocab/seasons";
import type { TimeEntry } from "../vocab/times";
import type { WeatherEntry } from "../vocab/weather";
import type { PartName } from "@/lib/schemas/entities";
import type { StyleId, StyleSnapshot } from "@/lib/schemas/styles";
import type { Doc } from "./doc";

/** One change an instruction asks for. */
export type Edit =
  | { kind: "time"; time: TimeEntry }
  | { kind: "weather"; weather: WeatherEntry }
  | { kind: "season"; season: SeasonEntry }
  | { kind: "mood"; mood: MoodEntry; word: string }
  | {
      kind: "style";
      styleId?: StyleId;
      medium: string;
      family: MediumFamily;
      name: string;
      /** An own style's parts (built-ins are looked up by styleId). */
      preset?: StyleSnapshot;
    }
  | { kind: "framing"; framing: FramingEntry }
  | { kind: "palette"; palette: string }
  /** A new light: in place of the old, or (`accent`) beside a light the idea's time or weather gives. */
  | { kind: "light"; light: string; accent: boolean }
  | { kind: "remove"; target: string }
  /** "make the cats black": one thing's colour, not the palette. */
  | { kind: "recolor"; target: string; color: string }
  | { kind: "add"; target: string }
  | { kind: "emphasis"; target: string; more: boolean }
  | { kind: "unrecognised"; text: string };

/** What every edit works on, and where it says what it did. */
export type EditContext = {
  doc: Doc;
  analysis: IdeaAnalysis;
  style?: StyleSnapshot;
  /** The negative prompt's items, for the tags dialect. */
  negative: string[];
  notes: string[];
  /** Parts that must come back word for word: their segments are frozen, and edits aimed at them are declined. */
  locks: ReadonlySet<PartName>;
};

export function quote(text: string): string {
  return `"${text.trim()}"`;
}
