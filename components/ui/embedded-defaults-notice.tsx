import { cookies } from "next/headers";
import { DismissibleNotice } from "./dismissible-notice";
import { NOTICE_DISMISSED_COOKIE } from "./notice-cookie";

/**
 * Says plainly when the app runs on its embedded defaults, and which variable turns on a real
 * model, until dismissed. A server component (the layout renders it per request): it reads the
 * dismissal cookie here, so a dismissed notice is never sent and nothing flashes or shifts.
 */
export async function EmbeddedDefaultsNotice() {
  if ((await cookies()).get(NOTICE_DISMISSED_COOKIE)?.value === "1") return null;
  return (
    <DismissibleNotice label="Embedded defaults">
      <p className="text-sm text-ink">
        <strong className="font-semibold">Running on embedded defaults:</strong> the offline refiner and the offline
        sketch renderer, no model. Set{" "}
        <code className="rounded bg-surface px-1 font-mono text-[0.8125rem]">OPENAI_API_KEY</code> (or{" "}
        <code className="rounded bg-surface px-1 font-mono text-[0.8125rem]">OPENAI_BASE_URL</code> for an
        OpenAI-compatible server) and restart to use a real model.
      </p>
    </DismissibleNotice>
  );
}
