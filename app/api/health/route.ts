import { handle } from "@/lib/http/handle";
import { json } from "@/lib/http/responses";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export const GET = handle(async () => json({ ok: true, version: pkg.version }));
