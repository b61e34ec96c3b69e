import { LoginBodySchema } from "@/lib/auth/login-body";
import { SignedInSchema } from "../answers";
import { error, type Operation } from "../types";

/** The password gate's sign-in and sign-out (APP_PASSWORD). */
export const authOperations: Operation[] = [
  {
    method: "post",
    path: "/api/auth/login",
    operationId: "signIn",
    summary: "Sign in with the password",
    description:
      "JSON gets JSON back; the sign-in page's plain HTML form (no scripts) is sent on with 303 redirects: to `next` when the password is right, back to /login?error=wrong when not. Sets the session cookie (and a device cookie that keeps this browser's own bucket of sign-in attempts).",
    tag: "Auth",
    access: "public",
    rateLimit: "login",
    body: {
      schema: LoginBodySchema,
      name: "LoginBody",
      mediaTypes: ["application/json", "application/x-www-form-urlencoded"],
    },
    responses: {
      200: {
        description: "Signed in: where to go next (a same-site path).",
        json: SignedInSchema,
        name: "SignedIn",
        headers: {
          "Set-Cookie": "The session cookie (ps_session, or __Host-ps_session over https) and the device cookie.",
        },
      },
      303: {
        description: "A form post: sent on (signed in, or back to the sign-in page).",
        empty: true,
        headers: { Location: "Where to go.", "Set-Cookie": "When signed in: the session and device cookies." },
      },
      400: error("The body is not valid."),
      401: error("That password is not right."),
      404: error("Sign-in is off: APP_PASSWORD is not set."),
    },
  },
  {
    method: "post",
    path: "/api/auth/logout",
    operationId: "signOut",
    summary: "Sign out in this browser",
    description: "Clears the session cookie. The Sign out button's form is sent on to /login; a script gets 204.",
    tag: "Auth",
    access: "public",
    responses: {
      204: { description: "Signed out.", empty: true, headers: { "Set-Cookie": "The cleared session cookie." } },
      303: { description: "A form post: sent on to /login.", empty: true, headers: { Location: "/login" } },
    },
  },
];
