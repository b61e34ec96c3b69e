import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeNextPath } from "@/lib/auth/next-path";
import { hasValidSession, isAuthEnabled } from "@/lib/auth/server";
import { LoginForm } from "./login-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

const ERRORS: Record<string, string> = {
  wrong: "That password is not right.",
};

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const next = safeNextPath(one(sp.next));
  // Nothing to sign in to, or already in: straight on.
  if (!isAuthEnabled() || hasValidSession(await headers())) redirect(next);
  const error = ERRORS[one(sp.error) ?? ""];

  return (
    <div className="mx-auto w-full max-w-sm py-10 sm:py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-2 text-sm text-muted">This Promptsmith is private. Type its password to go on.</p>
      <LoginForm next={next} initialError={error} />
    </div>
  );
}
