import { z } from "zod";

/** POST /api/auth/login, as JSON from the sign-in page's script or as its plain HTML form. */
export const LoginBodySchema = z
  .object({
    password: z.string().min(1, "type the password").max(1024),
    next: z.string().max(2048).optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof LoginBodySchema>;
