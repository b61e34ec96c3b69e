/** The mark: a spark over a frame. Decorative; the wordmark beside it carries the name. */
export function Logo() {
  return (
    <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" className="text-accent">
      <rect x="2.5" y="5.5" width="19" height="15" rx="3" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M5.5 17.5 10 12.5l3 3 2-2 3.5 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      />
      <path d="M17 2.5 17.8 4.7 20 5.5 17.8 6.3 17 8.5 16.2 6.3 14 5.5 16.2 4.7Z" fill="currentColor" />
    </svg>
  );
}
