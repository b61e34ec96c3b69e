import "server-only";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { CreatedShare, CreateShareBody, Share, ShareTarget, SharesQuery } from "@/lib/schemas/shares";
import { deps } from "@/lib/studio/deps";
import { newShareToken, sharePath } from "./share-token";

/*
 * The owner's side of share links (issue 10): make one, list them, revoke one. These routes stay
 * behind the password gate; only /s/<token> and /api/s/<token> are open (lib/auth/gate.ts).
 */

/**
 * A new link to an idea, comparison or image that exists: 404 when it does not, 400 for an expiry
 * that is not in the future. The token goes out in `url` this once; the database keeps its hash.
 */
export async function createShare(body: CreateShareBody, now = new Date()): Promise<CreatedShare> {
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError("invalid_request", "expiresAt: must be in the future.", {
      details: [{ path: "expiresAt", message: "must be in the future", code: "too_small" }],
    });
  }
  const { ideaId, label } = await describeTarget(body.target);
  const { token, tokenHash } = newShareToken();
  const share: Share = {
    id: newId(now.getTime()),
    target: { kind: body.target.kind, id: body.target.id },
    ideaId,
    label,
    expiresAt: expiresAt ? expiresAt.toISOString() : null,
    feedback: body.feedback ?? false,
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  await deps().store.createShare({ ...share, tokenHash });
  return { ...share, url: sharePath(token) };
}

/** Newest first, revoked ones included; with kind and id, only that target's. Never a token nor its hash. */
export async function listShares(query: SharesQuery): Promise<{ items: Share[] }> {
  const target = query.kind && query.id ? { kind: query.kind, id: query.id } : undefined;
  const items = await deps().store.listShares(target);
  // The store answers Share rows; strip anything more, so no hash can ever slip into the list.
  return { items: items.map(ownerView) };
}

/** Revokes the link at once (its page and images answer 404 from now on); 404 when there is no such share. */
export async function revokeShare(id: string, now = new Date()): Promise<Share> {
  const share = await deps().store.revokeShare(id, now.toISOString());
  if (!share) throw new AppError("not_found", "The share was not found.");
  return ownerView(share);
}

/** The idea a target belongs to and a label for the owner's list; 404 when the target is missing. */
async function describeTarget(target: ShareTarget): Promise<{ ideaId: string; label: string }> {
  const { store } = deps();
  if (target.kind === "idea") {
    const idea = await store.getIdea(target.id);
    if (!idea) throw new AppError("not_found", "The idea was not found.");
    return { ideaId: idea.id, label: `Idea: ${idea.title}` };
  }
  if (target.kind === "comparison") {
    const comparison = await store.getComparison(target.id);
    if (!comparison) throw new AppError("not_found", "The comparison was not found.");
    return { ideaId: comparison.ideaId, label: `Comparison: ${comparison.title}` };
  }
  const image = await store.getImage(target.id);
  const idea = image ? await store.getIdea(image.ideaId) : undefined;
  if (!image || !idea) throw new AppError("not_found", "The image was not found.");
  return { ideaId: idea.id, label: `Image: ${idea.title}` };
}

function ownerView(s: Share): Share {
  return {
    id: s.id,
    target: { kind: s.target.kind, id: s.target.id },
    ideaId: s.ideaId,
    label: s.label,
    expiresAt: s.expiresAt,
    feedback: s.feedback,
    createdAt: s.createdAt,
    revokedAt: s.revokedAt,
  };
}
