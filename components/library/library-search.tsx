import Form from "next/form";

/** Search the Library on the server: a plain GET form, so it works before scripts load too. */
export function LibrarySearch({ q }: { q: string }) {
  return (
    <Form action="/library" role="search" className="flex w-full min-w-0 items-center gap-2 sm:w-auto">
      <label htmlFor="library-q" className="sr-only">
        Search library
      </label>
      <input
        id="library-q"
        type="search"
        name="q"
        defaultValue={q}
        placeholder="Search library"
        className="field h-9 min-w-0 flex-1 py-1 text-sm sm:w-64 sm:flex-none"
      />
      <button type="submit" className="btn btn-secondary btn-sm h-9">
        Search
      </button>
    </Form>
  );
}
