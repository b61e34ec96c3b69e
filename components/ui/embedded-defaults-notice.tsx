/** Says plainly when the app runs on its embedded defaults, and which variable turns on a real model. */
export function EmbeddedDefaultsNotice() {
  return (
    <aside aria-label="Embedded defaults" className="border-b border-line bg-warning-soft">
      <p className="mx-auto w-full max-w-[1600px] px-4 py-2 text-sm text-ink sm:px-6">
        <strong className="font-semibold">Running on embedded defaults:</strong> the offline refiner and the offline
        sketch renderer, no model. Set{" "}
        <code className="rounded bg-surface px-1 font-mono text-[0.8125rem]">OPENAI_API_KEY</code> (or{" "}
        <code className="rounded bg-surface px-1 font-mono text-[0.8125rem]">OPENAI_BASE_URL</code> for an
        OpenAI-compatible server) and restart to use a real model.
      </p>
    </aside>
  );
}
