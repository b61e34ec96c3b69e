/**
 * Reads what the fake model needs out of a (contract-valid) chat request: the idea and, on a
 * follow-up, the current prompt, its parts, the locked parts and the instruction, and for a
 * candidate its direction, from the last user message.
 *
 * The app's refiner wraps those in <idea>, <current_prompt>, <current_negative_prompt>,
 * <current_parts>, <locked_parts>, <current_checks>, <instruction> and <direction> tags ("name: text" lines for
 * parts); any other client gets its whole last user message treated as the idea.
 */
import type { FakePromptInput } from "./prompt-writer";

type ContentPart = { type?: string; text?: string };
type Message = { role: string; content?: string | ContentPart[] | null };

export type ChatRequest = {
  model: string;
  messages: Message[];
  stream?: boolean | null;
  n?: number | null;
  response_format?: { type: "text" | "json_object" | "json_schema" };
  stream_options?: { include_usage?: boolean } | null;
};

export type OutputFormat = "text" | "json_object" | "json_schema";

function textOf(message: Message | undefined): string {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p) => (p.type === "text" ? (p.text ?? "") : "")).join("\n");
  return "";
}

function tagged(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text);
  return match?.[1]?.trim();
}

/** "subject: a red fox\nmedium: oil" → { subject: "a red fox", medium: "oil" }. */
function partLines(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined;
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([a-z]+):\s*(.+)$/.exec(line.trim());
    if (m?.[1] && m[2]) out[m[1]] = m[2].trim();
  }
  return out;
}

export function outputFormatOf(req: ChatRequest): OutputFormat {
  return req.response_format?.type ?? "text";
}

export function promptInputOf(req: ChatRequest): FakePromptInput {
  const lastUser = [...req.messages].reverse().find((m) => m.role === "user");
  const text = textOf(lastUser);
  const instructions = req.messages
    .filter((m) => m.role === "system" || m.role === "developer")
    .map(textOf)
    .join("\n");
  return {
    idea: tagged(text, "idea") ?? text,
    currentPrompt: tagged(text, "current_prompt"),
    currentNegativePrompt: tagged(text, "current_negative_prompt"),
    instruction: tagged(text, "instruction"),
    currentParts: partLines(tagged(text, "current_parts")),
    lockedParts: partLines(tagged(text, "locked_parts")),
    direction: tagged(text, "direction"),
    currentChecks: tagged(text, "current_checks"),
    // The app's system prompt names its dialect as "Dialect: tags"; everything else is prose.
    dialect: /dialect:\s*tags/i.test(instructions) ? "tags" : "prose",
  };
}
