/**
 * How the fake misbehaves on purpose. A rule applies to one endpoint or to all, for ever or
 * for the next N requests it actually acts on (a `noJsonSchema` rule, for example, is not
 * used up by a json_object request it lets through).
 */
import { type ModeDecision as Decision, type EndpointModeSetting, EndpointModeTable } from "../shared/endpoint-modes";
import { isOneOf } from "../shared/mode-setting";

export const FAKE_MODES = [
  "ok",
  "error500",
  "rate429",
  "hang",
  "refusal",
  "malformedChunk",
  "contentFilter",
  "noJsonSchema",
  /** Chat: 400 for any response_format but text, as the most basic compatible servers do. */
  "noResponseFormat",
  /** Chat: the answer stops half-way with finish_reason "length". */
  "length",
  /** The connection is reset (TCP RST) mid-answer: chat after a few chunks, images half-way through the body. */
  "reset",
  /** The answer stops half-way: a stream ends in good order with no finish_reason and no [DONE]; a body is cut short of its Content-Length and the connection closed. */
  "truncated",
  /** Images: 200 whose b64_json is not base64. */
  "badBase64",
  /** Images: 200 whose b64_json is valid base64 of bytes that are not an image (a text file). */
  "notImage",
  /** Chat, judge requests only (issue 11, judge.ts): every item passes. */
  "judgeAllPass",
  /** Chat, judge requests only: some items fail the first time they are judged, then pass. */
  "judgeFixable",
  /** Chat, judge requests only: the same items fail every time. */
  "judgeNeverBetter",
  /** Chat, judge requests only: JSON that answers one item, with an unknown id and a bad verdict. */
  "judgeMalformed",
  /** Chat, judge requests only: content that is not JSON. */
  "judgeGarbage",
] as const;
export type FakeMode = (typeof FAKE_MODES)[number];

export const FAKE_ENDPOINTS = ["chat", "images", "moderations", "models"] as const;
export type FakeEndpoint = (typeof FAKE_ENDPOINTS)[number];

/** `delayMs`: wait this long before the first byte of the answer. */
export type ModeSetting = EndpointModeSetting<FakeMode, FakeEndpoint>;

/** What a handler sees: the mode in force, and a way to say it acted on it. */
export type ModeDecision = Decision<FakeMode>;

export function isFakeMode(v: unknown): v is FakeMode {
  return isOneOf(FAKE_MODES, v);
}

/** Handlers call `consume()` only when the mode acted on the request. */
export class ModeTable extends EndpointModeTable<FakeMode, FakeEndpoint> {}
