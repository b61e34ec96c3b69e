import type { Ctx } from "./context";
import { cliff } from "./cliff";
import { dunes, foreground, hills, mountains, tufts } from "./land";
import { aurora, birds, celestial, clouds, skyGradient, stars } from "./sky";
import { skyline } from "./city-skyline";
import { drawSubject } from "./subjects";
import type { SubjectKind } from "./scene-types";
import { heightAt, type Profile } from "./terrain";
import { framingTrees, treeLine } from "./trees";
import { water } from "./water";
import { fogBanks, fogVeil, lightning, rain, snowfall } from "./weather";

/** An outdoor scene, back to front: sky, distance, water or land, subject, weather. */
export function composeLandscape(ctx: Ctx, subject: SubjectKind | null): string[] {
  const { h, m } = ctx;
  const out: string[] = [skyGradient(ctx), aurora(ctx), stars(ctx), celestial(ctx), clouds(ctx), birds(ctx)];
  const foggy = ctx.weather("fog");
  const wet = ctx.has("sea") || ctx.has("lake");

  // Distance: mountains, far hills, a tree line or a skyline.
  const back: string[] = [];
  let backProfile: Profile | null = null;
  if (ctx.has("mountains")) back.push(mountains(ctx));
  if (foggy) back.push(fogVeil(ctx, ctx.horizon - m * 0.04, m * 0.22, 0.55));
  if (!wet || ctx.has("lake")) {
    if (!ctx.has("desert") && !ctx.has("city")) {
      const far = hills(ctx, 0.7, "far-hills", { lift: m * 0.01, amplitude: 0.035 });
      back.push(far.svg);
      backProfile = far.profile;
    }
  }
  if (backProfile && (ctx.has("forest") || ctx.has("mountains") || ctx.has("lake"))) {
    back.push(
      treeLine(ctx, backProfile, {
        depth: 0.55,
        size: 0.06,
        density: ctx.has("forest") ? 1.6 : 0.7,
        seed: "far-trees",
      }),
    );
  }
  if (ctx.has("city")) back.push(skyline(ctx, ctx.horizon + m * 0.01));
  if (foggy) back.push(fogVeil(ctx, ctx.horizon, m * 0.16, 0.6));

  let standOn: Profile | null = null;
  if (wet) {
    out.push(back.join(""));
    const lakeTop = ctx.horizon + m * 0.012;
    out.push(
      water(ctx, {
        top: ctx.has("lake") ? lakeTop : ctx.horizon,
        reflect: ctx.has("lake") ? back.join("") : undefined,
        calm: ctx.has("lake") && !ctx.weather("storm"),
      }),
    );
    if (ctx.has("cliff")) {
      const c = cliff(ctx);
      out.push(c.svg);
      standOn = c.profile;
    } else if (subject && subject !== "boat" && subject !== "bird") {
      // A near shore to stand on, low in the frame.
      const shore = hills(ctx, 0, "shore", { lift: (h - ctx.horizon) * 0.62, amplitude: 0.04 });
      out.push(shore.svg);
      standOn = shore.profile;
    }
  } else if (ctx.has("desert")) {
    out.push(back.join(""));
    const d = dunes(ctx);
    out.push(d.svg);
    standOn = d.profile;
  } else {
    out.push(back.join(""));
    const mid = hills(ctx, 0.35, "mid-hills", { lift: (h - ctx.horizon) * 0.18, amplitude: 0.05 });
    out.push(mid.svg);
    if (ctx.has("forest"))
      out.push(treeLine(ctx, mid.profile, { depth: 0.3, size: 0.11, density: 1.2, seed: "mid-trees" }));
    if (foggy) out.push(fogBanks(ctx, ctx.horizon + (h - ctx.horizon) * 0.25));
    const fg = foreground(ctx);
    out.push(fg.svg);
    standOn = fg.profile;
  }

  if (subject) {
    if (subject === "boat" && wet && !standOn) {
      const y = ctx.horizon + (h - ctx.horizon) * 0.45;
      out.push(drawSubject(ctx, "boat", ctx.focusX, y));
    } else {
      const ground = standOn ?? [
        [0, h * 0.85],
        [ctx.w, h * 0.85],
      ];
      out.push(drawSubject(ctx, subject, ctx.focusX, heightAt(ground, ctx.focusX) + m * 0.01));
    }
  }
  if (standOn && !wet && !ctx.has("desert")) {
    out.push(framingTrees(ctx, standOn));
    out.push(tufts(ctx, standOn));
  }
  if (foggy) out.push(fogVeil(ctx, h * 0.92, m * 0.3, 0.4));
  out.push(snowfall(ctx), rain(ctx), lightning(ctx));
  return out;
}
