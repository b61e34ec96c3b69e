import { isOwnStyleId, STYLE_PART_NAMES } from "@/lib/schemas/names";
import type { StyleSnapshot } from "@/lib/schemas/styles";

const PART_LABEL = {
  medium: "Medium",
  lighting: "Lighting",
  palette: "Palette",
  camera: "Camera",
  detail: "Detail",
  negative: "Negative",
} as const;

/**
 * A recipe's style (issue 13): its name, and the parts as they were when the version was refined,
 * so an own style edited or deleted since still says what was used.
 */
export function StyleUsed({ style }: { style: Pick<StyleSnapshot, "id" | "label"> & Partial<StyleSnapshot> }) {
  const own = isOwnStyleId(style.id);
  const parts = STYLE_PART_NAMES.filter((p) => style[p]);
  if (parts.length === 0) return <>{style.label}</>;
  return (
    <details>
      <summary className="cursor-pointer">
        {style.label}
        {own ? <span className="text-muted"> (own style)</span> : null}
      </summary>
      <dl className="mt-1 space-y-0.5 text-muted">
        {parts.map((p) => (
          <div key={p} className="[overflow-wrap:anywhere]">
            <dt className="inline font-medium text-ink">{PART_LABEL[p]}: </dt>
            <dd className="inline">{style[p]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
