import type { Metadata } from "next";
import Link from "next/link";
import { StylesManager } from "@/components/styles/styles-manager";
import { listOwnStyles } from "@/lib/studio/styles/own-styles";
import { STYLE_PRESETS } from "@/lib/styles";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Styles" };

/** Own styles (issue 13), under the Library: things kept to come back to. */
export default async function StylesPage() {
  const { items } = await listOwnStyles();
  // The built-ins' parts come as data for this page only; the Studio's bundle never carries them.
  const builtIns = STYLE_PRESETS.map((s) => ({ ...s, builtIn: true }));
  return (
    <div className="space-y-6">
      <div className="min-w-0 space-y-1">
        <p className="text-sm">
          <Link href="/library" className="text-muted">
            Library
          </Link>
          <span aria-hidden="true" className="text-muted">
            {" "}
            /
          </span>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">Styles</h1>
        <p className="text-sm text-muted">
          A style is the look a refiner writes in: medium, lighting, palette, camera, detail, and what to keep out.
        </p>
      </div>
      <StylesManager builtIns={builtIns} initial={items} />
    </div>
  );
}
