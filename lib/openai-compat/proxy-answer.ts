import { isOpenAiPath, openAiError } from "./error-shape";

/**
 * proxy.ts's refusals (401, 403, 413, 414, 429, 503…) in OpenAI's error shape when they answer
 * /v1, whose clients read nothing else; same status and headers (Retry-After, WWW-Authenticate).
 * Anything that is not such a refusal passes untouched.
 */
export async function openAiShapedRefusal(pathname: string, answer: Response): Promise<Response> {
  if (!isOpenAiPath(pathname) || answer.status < 400) return answer;
  if (!(answer.headers.get("content-type") ?? "").includes("application/json")) return answer;
  let house: { error?: { code?: unknown; message?: unknown } };
  try {
    house = await answer.clone().json();
  } catch {
    return answer;
  }
  const code = typeof house.error?.code === "string" ? house.error.code : "internal";
  const message = typeof house.error?.message === "string" ? house.error.message : "The request was refused.";
  const { status, body } = openAiError(code, answer.status, message);
  const headers = new Headers(answer.headers);
  headers.delete("content-length");
  return Response.json(body, { status, headers });
}
