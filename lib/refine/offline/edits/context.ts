import type { StylePreset } from "@/lib/styles";
import type { IdeaAnalysis } from "../analyze";
import type { FramingEntry } from "../vocab/framing";
import type { MediumFamily } from "../vocab/media";
import type { MoodEntry } from "../vocab/moods";
import type { SeasonEntry } from "../vocab/seasons";
import type { TimeEntry } from "../vocab/times";
import type { WeatherEntry } from "../vocab/weather";
import type { StyleId } from "@/lib/schemas/styles";
import type { Doc } from "./doc";

/** One change an instruction asks for. */
export type Edit =
  | { kind: "time"; time: TimeEntry }
  | { kind: "weather"; weather: WeatherEntry }
  | { kind: "season"; season: SeasonEntry }
  | { kind: "mood"; mood: MoodEntry; word: string }
  | { kind: "style"; styleId?: StyleId; medium: string; family: MediumFamily; name: string }
  | { kind: "framing"; framing: FramingEntry }
  | { kind: "palette"; palette: string }
  | { kind: "remove"; target: string }
  | { kind: "add"; target: string }
  | { kind: "emphasis"; target: string; more: boolean }
  | { kind: "unrecognised"; text: string };

/** What every edit works on, and where it says what it did. */
export type EditContext = {
  doc: Doc;
  analysis: IdeaAnalysis;
  style?: StylePreset;
  /** The negative prompt's items, for the tags dialect. */
  negative: string[];
  notes: string[];
};

export function quote(text: string): string {
  return `"${text.trim()}"`;
}
