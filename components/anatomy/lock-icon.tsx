/** A padlock, shut or open; decorative (the button around it says what it does). */
export function LockIcon({ locked, className }: { locked: boolean; className?: string }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false" className={className}>
      <rect
        x="3"
        y="7"
        width="10"
        height="7"
        rx="1.5"
        fill={locked ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth="1.5"
      />
      <path
        d={locked ? "M5.5 7V5a2.5 2.5 0 0 1 5 0v2" : "M5.5 7V5a2.5 2.5 0 0 1 4.9-.7"}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
