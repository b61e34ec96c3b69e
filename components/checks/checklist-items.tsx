import type { CheckItem } from "@/lib/schemas/checks";

/**
 * A version's checklist, read-only: each demand of the idea with its kind as a quiet tag. Shared
 * by the Studio (under the prompt) and the idea page's version node.
 */
export function ChecklistItems({ checks, id }: { checks: readonly CheckItem[]; id?: string }) {
  return (
    <ul id={id} aria-label="Checklist" className="space-y-1 text-sm">
      {checks.map((item) => (
        <li key={item.id} className="flex items-baseline gap-2">
          <span aria-hidden="true" className="mt-2 size-1 shrink-0 self-start rounded-full bg-muted" />
          <span className="min-w-0 text-ink [overflow-wrap:anywhere]">{item.text}</span>
          <span className="chip shrink-0">
            <span className="sr-only">(</span>
            {item.kind}
            <span className="sr-only">)</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
