import { itemsByUrgency } from "@/lib/client/checks";
import type { ImageCheck } from "@/lib/schemas/checks";
import { VerdictMark } from "./verdict-mark";

/** Every item of a check, misses first (tinted: the call to action), each with its one-line reason. */
export function ReceiptItems({ check, id }: { check: ImageCheck; id: string }) {
  return (
    <ul id={id} className="mt-2 space-y-1.5">
      {itemsByUrgency(check).map((item) => (
        <li
          key={item.checkId}
          className={`flex gap-2 rounded-md px-2 py-1.5 ${item.verdict === "fail" ? "bg-danger-soft" : ""}`}
        >
          <VerdictMark verdict={item.verdict} />
          <span className="min-w-0 [overflow-wrap:anywhere]">
            <span className="block text-ink">{item.text}</span>
            {item.reason ? (
              <span className="block text-xs text-muted">
                <span className="sr-only">. </span>
                {item.reason}
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
