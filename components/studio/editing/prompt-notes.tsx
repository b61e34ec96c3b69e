/** What the refiner added or changed, as a short list under the prompt. */
export function PromptNotes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return (
    <div className="text-sm">
      <h3 className="eyebrow">What changed</h3>
      <ul className="mt-1.5 gap-x-6 text-muted md:columns-2">
        {notes.map((n) => (
          <li key={n} className="flex break-inside-avoid gap-2 pb-1">
            <span aria-hidden="true" className="mt-2 size-1 shrink-0 rounded-full bg-muted" />
            <span>{n}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
