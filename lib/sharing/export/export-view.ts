import "server-only";
import type { SharedStep, SharedView } from "@/lib/schemas/shares";
import { sharedViewOf } from "@/lib/sharing/shared-view";
import type { ExportBundle } from "./export-bundle";

/*
 * The export's story is what a share link of the same idea or comparison shows (SharedView, from
 * lib/sharing/shared-view.ts), with image sources pointing into the archive (`images/…`) instead
 * of the link's URLs. Only images whose bytes were written stay in it, so the page never shows a
 * broken picture (an image made while the archive was streaming is not in it either).
 */
export async function exportView(bundle: ExportBundle, written: ReadonlySet<string>): Promise<SharedView> {
  const pathOf = new Map(bundle.images.map((i) => [i.image.id, i.path]));
  const target = bundle.comparison
    ? { kind: "comparison" as const, id: bundle.comparison.id }
    : { kind: "idea" as const, id: bundle.idea.id };
  const view = await sharedViewOf(
    { target, feedback: false, expiresAt: null },
    { src: (imageId) => pathOf.get(imageId) ?? "" },
  );
  const keep = (step: SharedStep): SharedStep => ({ ...step, images: step.images.filter((i) => written.has(i.id)) });
  if (view.kind === "idea") return { ...view, steps: view.steps.map(keep) };
  if (view.kind === "comparison") return { ...view, cells: view.cells.map((c) => ({ ...c, step: keep(c.step) })) };
  return view;
}
