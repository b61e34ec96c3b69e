import { OwnStylesProvider } from "@/components/studio/editing/own-styles-context";
import { Studio } from "@/components/studio/studio";
import { activeHouseRules } from "@/lib/studio/house-rules";
import { listOwnStyles } from "@/lib/studio/styles/own-styles";
import { getCatalog, getIdeaDetail, getIdeaDetailForVersion } from "@/lib/studio/queries";
import type { IdeaDetail } from "@/lib/schemas/entities";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
const looksLikeId = (v: string | undefined): v is string => !!v && /^[A-Za-z0-9_-]{1,64}$/.test(v);

export default async function StudioPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const ideaId = one(sp.idea);
  const versionId = one(sp.version);
  const catalog = await getCatalog();
  const houseRules = (await activeHouseRules()) ?? null;
  // Own styles for the Style box (issue 13): names, lines and samples only, never their parts.
  const ownStyles = (await listOwnStyles()).items.map(({ id, label, description, sample, sampleSource }) => ({
    id,
    label,
    description,
    sample,
    sampleSource,
  }));

  let detail: IdeaDetail | undefined;
  if (looksLikeId(ideaId)) detail = await getIdeaDetail(ideaId);
  else if (looksLikeId(versionId)) detail = await getIdeaDetailForVersion(versionId);
  const missing = (ideaId || versionId) && !detail;
  // Reuse prompt on an image page: ?image= brings that image's settings, &seed=same its seed too.
  const imageId = one(sp.image);
  const reuse = looksLikeId(imageId)
    ? { imageId, seed: one(sp.seed) === "same" ? ("same" as const) : ("new" as const) }
    : undefined;
  // ?text= pre-fills the Idea (the example buttons submit it before scripts have loaded).
  // Whole, never cut: the Idea box says when it is over the limit.
  const text = detail ? undefined : one(sp.text);

  return (
    <>
      {missing ? (
        <p className="mb-6 rounded-lg border border-line bg-surface px-4 py-3 text-sm text-muted">
          That {ideaId ? "idea" : "version"} was not found; it may have been deleted. Start a new idea below.
        </p>
      ) : null}
      <OwnStylesProvider styles={ownStyles}>
        <Studio
          // A fresh key on every visit: following the Studio link always starts blank or on the asked-for idea.
          key={crypto.randomUUID()}
          catalog={catalog}
          initial={detail ? { detail, versionId: looksLikeId(versionId) ? versionId : undefined, reuse } : undefined}
          initialIdeaText={text}
          houseRules={houseRules}
        />
      </OwnStylesProvider>
    </>
  );
}
