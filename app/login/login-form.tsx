"use client";

import { type FormEvent, useId, useState } from "react";

type Props = { next: string; initialError?: string };

/**
 * Posts the password as JSON and goes on with a full page load, so every server component renders
 * with the new cookie. Without scripts the same form posts its fields and the server redirects.
 */
export function LoginForm({ next, initialError }: Props) {
  const [error, setError] = useState<string | undefined>(initialError);
  const [busy, setBusy] = useState(false);
  const passwordId = useId();
  const errorId = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = new FormData(event.currentTarget).get("password");
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch("/api/auth/login", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ password: typeof password === "string" ? password : "", next }),
      });
      const body = (await res.json().catch(() => null)) as {
        next?: string;
        error?: { message?: string };
      } | null;
      if (res.ok) {
        window.location.assign(body?.next ?? next);
        return;
      }
      setError(body?.error?.message ?? `Sign-in failed (HTTP ${res.status}).`);
    } catch {
      setError("The server could not be reached. Check that it is running.");
    }
    setBusy(false);
  }

  return (
    <form action="/api/auth/login" method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div>
        <label htmlFor={passwordId} className="field-label">
          Password
        </label>
        <input
          id={passwordId}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          // biome-ignore lint/a11y/noAutofocus: the only field on a page whose one job is this
          autoFocus
          maxLength={1024}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="field"
        />
      </div>
      {error ? (
        <p
          id={errorId}
          role="alert"
          className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger"
        >
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary w-full" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
