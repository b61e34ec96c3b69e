import type { ChatCompletionChunk } from "openai/resources/chat/completions";

export type ChatStreamOutcome = {
  content: string;
  /** The model's refusal, when it declined (OpenAI streams it apart from the content). */
  refusal: string;
  finishReason: string | null;
  /** The model the server says answered: a dated snapshot, not always the name we sent. */
  model: string | undefined;
};

/**
 * Reads a streamed chat completion (the first choice), reporting the content so far each
 * time it grows. Stopping early is not an error here: the SDK ends the iteration quietly
 * when its request is aborted, so the caller checks its signal afterwards.
 */
export async function collectChatStream(
  stream: AsyncIterable<ChatCompletionChunk>,
  onContent: (contentSoFar: string) => void,
): Promise<ChatStreamOutcome> {
  const outcome: ChatStreamOutcome = { content: "", refusal: "", finishReason: null, model: undefined };
  for await (const chunk of stream) {
    if (!outcome.model && chunk.model) outcome.model = chunk.model;
    const choice = chunk.choices.find((c) => c.index === 0) ?? chunk.choices[0];
    if (!choice) continue; // e.g. the closing usage chunk
    const { content, refusal } = choice.delta;
    if (refusal) outcome.refusal += refusal;
    if (content) {
      outcome.content += content;
      onContent(outcome.content);
    }
    if (choice.finish_reason) outcome.finishReason = choice.finish_reason;
  }
  return outcome;
}
