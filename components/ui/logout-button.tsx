/**
 * Ends the session: a plain form post, so it works before scripts load, and the server sends
 * the browser on to the sign-in page. Render it only when APP_PASSWORD is set.
 */
export function LogoutButton() {
  return (
    <form action="/api/auth/logout" method="post">
      <button type="submit" className="btn btn-ghost btn-sm">
        Sign out
      </button>
    </form>
  );
}
