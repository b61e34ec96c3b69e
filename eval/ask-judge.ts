import "server-only";
import { getConfig } from "@/lib/config";
import { JUDGE_SCHEMA, judgeMessages, parseChoice } from "@/lib/eval/judge";
import type { AskJudge } from "@/lib/eval/run-card";
import { getOpenAIClient } from "@/lib/openai-client";

/**
 * The pairwise judge on the configured OpenAI-compatible server: chat completions with
 * structured output, JUDGE_MODEL (else REFINE_MODEL). Null when the answer is unreadable.
 */
export function openaiPairwiseJudge(): AskJudge {
  const { judge, timeouts } = getConfig();
  return async (idea, a, b, signal) => {
    const { system, user } = judgeMessages(idea, a, b);
    const answer = await getOpenAIClient().chat.completions.create(
      {
        model: judge.model,
        messages: [
          { role: "system", content: system },
          { role: "user", content: user },
        ],
        response_format: { type: "json_schema", json_schema: JUDGE_SCHEMA },
      },
      { signal, timeout: timeouts.judgeMs },
    );
    return parseChoice(answer.choices[0]?.message?.content);
  };
}
