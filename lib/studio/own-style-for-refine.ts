import "server-only";
import { AppError } from "@/lib/errors";
import type { PromptVersion } from "@/lib/schemas/entities";
import { isBuiltInStyleId, type StyleId, type StyleSnapshot } from "@/lib/schemas/styles";
import { snapshotOf, styleFor } from "@/lib/styles";
import { deps } from "./deps";

/**
 * The own style a refinement asks for (issue 13), read from the store here so the refiners (adapters)
 * never read it. One deleted since the parent was refined in it goes on as the parent used it.
 * Built-in styles and none: undefined (refiners look built-ins up by id). `asked`: the request named it.
 */
export async function ownStyleFor(
  style: StyleId | null | undefined,
  parent: PromptVersion | undefined,
  asked: boolean,
): Promise<StyleSnapshot | undefined> {
  if (!style || isBuiltInStyleId(style)) return undefined;
  const found = await deps().store.getOwnStyle(style);
  if (found) return snapshotOf(found);
  if (parent?.styleUsed?.id === style) return parent.styleUsed;
  // A parent in an own style this instance never had (a recipe imported from elsewhere) is refined
  // without it; only a style asked for by name must exist.
  if (!asked) return undefined;
  throw new AppError("invalid_request", `style: there is no style "${style}" (it may have been deleted).`, {
    details: [{ path: "style", message: "unknown style", code: "unknown_style" }],
  });
}

/**
 * What a new version records of the style it ended in: the parts as used, for built-in and own
 * styles alike, so its recipe says what was used whatever happens to the style later.
 */
export function styleUsedFor(
  style: StyleId | null,
  ownStyle: StyleSnapshot | undefined,
  parent: PromptVersion | undefined,
): { styleUsed?: StyleSnapshot } {
  const used = styleFor(style, ownStyle, parent?.styleUsed);
  return used ? { styleUsed: snapshotOf(used) } : {};
}
