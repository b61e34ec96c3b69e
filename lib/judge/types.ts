import type { CheckItem, CheckResultItem, JudgeInfo } from "@/lib/schemas/checks";

/** What a judge looks at: one image, the prompt it was made from, and the version's checklist. */
export type JudgeInput = {
  image: {
    bytes: Uint8Array;
    mime: string;
    width: number;
    height: number;
    seed: number | null;
    /** The backend that made it (the offline judge reads only the offline sketch's pictures). */
    backend?: string;
  };
  prompt: string;
  items: CheckItem[];
};

export type JudgeOptions = { signal: AbortSignal };

/**
 * Judges behind one interface (an adapter like a refiner or a backend: request in, result out;
 * never the store). `check` answers every item, in the checklist's order.
 */
export interface Judge extends JudgeInfo {
  check(input: JudgeInput, opts: JudgeOptions): Promise<CheckResultItem[]>;
}
