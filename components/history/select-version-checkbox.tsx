/** "Select vN": ticks a version for a prompt diff or an image comparison (at most four). */
export function SelectVersionCheckbox(p: {
  versionId: string;
  number: number;
  selected: boolean;
  selectionFull: boolean;
  onToggleSelected: (versionId: string, selected: boolean) => void;
  /** Wraps the box in a label with these classes: a larger target where space allows. */
  labelClassName?: string;
}) {
  const box = {
    type: "checkbox",
    className: "size-4 accent-(--accent)",
    "aria-label": `Select v${p.number}`,
    checked: p.selected,
    disabled: !p.selected && p.selectionFull,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => p.onToggleSelected(p.versionId, e.target.checked),
  } as const;
  if (!p.labelClassName) return <input {...box} />;
  return (
    <label className={p.labelClassName}>
      <input {...box} />
    </label>
  );
}
