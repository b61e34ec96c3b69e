import { trustedClientKey } from "@/lib/auth/trusted-client";
import { handle } from "@/lib/http/handle";
import { parseJsonBody } from "@/lib/http/parse";
import { json } from "@/lib/http/responses";
import { FeedbackBodySchema } from "@/lib/schemas/shares";
import { FEEDBACK_BODY_BYTES, postFeedback } from "@/lib/sharing/feedback";

export const dynamic = "force-dynamic";

/** A visitor's note or vote. The answer echoes nothing: visitors never see one another's feedback. */
export const POST = handle<{ token: string }>(async (request, { token }) => {
  const body = await parseJsonBody(request, FeedbackBodySchema, { maxBytes: FEEDBACK_BODY_BYTES });
  await postFeedback(token, body, trustedClientKey(request.headers));
  return json({ ok: true }, 201);
});
