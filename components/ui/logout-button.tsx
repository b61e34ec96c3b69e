/**
 * Ends the session: a plain form post, so it works before scripts load, and the server sends
 * the browser on to the sign-in page. Render it only when APP_PASSWORD is set.
 */
export function LogoutButton() {
  return (
    <form action="/api/auth/logout" method="post">
      <button type="submit" className="btn btn-ghost btn-sm max-[25rem]:px-2" title="Sign out">
        {/* Four header links and the words do not fit a 375 px phone: there the icon stands in, and the name stays. */}
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="hidden size-4 max-[25rem]:block"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M12 14l4-4-4-4M16 10H8" />
        </svg>
        <span className="max-[25rem]:sr-only">Sign out</span>
      </button>
    </form>
  );
}
