import type { PromptVersion } from "@/lib/schemas/entities";
import type { FeedbackBody, IdeaFeedback } from "@/lib/schemas/shares";
import { request } from "./api";

/** Feedback and approval (issue 10), as the browser calls them. */

/** POST /api/s/:token/feedback: a visitor's note or vote. The answer says nothing about anyone else's. */
export function sendFeedback(token: string, body: FeedbackBody): Promise<{ ok: true }> {
  return request(`/api/s/${encodeURIComponent(token)}/feedback`, { method: "POST", body: JSON.stringify(body) });
}

/** GET /api/ideas/:id/feedback: the owner's list. */
export function getIdeaFeedback(ideaId: string, signal?: AbortSignal): Promise<IdeaFeedback> {
  return request(`/api/ideas/${encodeURIComponent(ideaId)}/feedback`, { signal, cache: "no-store" });
}

/** POST (approve) or DELETE (take back) /api/versions/:id/approval. */
export function setApproval(versionId: string, approved: boolean): Promise<PromptVersion> {
  return request(`/api/versions/${encodeURIComponent(versionId)}/approval`, { method: approved ? "POST" : "DELETE" });
}
