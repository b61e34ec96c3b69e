import type { ShareStatus } from "@/lib/client/shares";

const LOOK: Record<ShareStatus, { text: string; className: string }> = {
  active: { text: "Active", className: "border-success/40 text-success" },
  expired: { text: "Expired", className: "border-line text-muted" },
  revoked: { text: "Revoked", className: "border-danger/40 text-danger" },
};

/** A link's state, in a word (colour only repeats it). */
export function ShareStatusBadge({ status }: { status: ShareStatus }) {
  const look = LOOK[status];
  return <span className={`chip bg-transparent ${look.className}`}>{look.text}</span>;
}
