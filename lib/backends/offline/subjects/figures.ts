import { darken, hex, lighten, mix, type Rgb } from "../color";
import type { Rng } from "../prng";
import { circle, ellipse, group, path, rect } from "../svg";

/**
 * People and people-shaped things in local units: about 180 tall, feet on y = 0.
 * Seen from behind or in three-quarter view, so no face has to be drawn well.
 */

export type FigureOpts = {
  coat: Rgb;
  skin: Rgb;
  /** Scene light for the lantern and visor glints. */
  lamp: Rgb;
  accent: Rgb;
  umbrella: boolean;
  lantern: boolean;
  rng: Rng;
};

export function person(o: FigureOpts): string {
  const dark = darken(o.coat, 0.45);
  const hair = darken(mix(o.skin, hex("#3a2a20"), 0.8), 0.2);
  const parts: string[] = [];
  // Legs and boots.
  parts.push(path("M-16 -82L-14 0h11L-1 -82ZM1 -82L4 0h11L16 -82Z", { fill: darken(o.coat, 0.6) }));
  // Coat, widening to the hem, with the arms along it.
  parts.push(path("M-22 -138Q-28 -136 -30 -120L-36 -62Q0 -54 36 -62L30 -120Q28 -136 22 -138Z", { fill: o.coat }));
  parts.push(
    path("M-28 -126L-40 -74L-32 -72L-22 -112ZM28 -126L40 -74L32 -72L22 -112Z", { fill: darken(o.coat, 0.15) }),
  );
  parts.push(path("M-6 -136L0 -60", { stroke: dark, strokeWidth: 2, opacity: 0.35 }));
  const style = o.rng.int(0, 2);
  // Scarf in the accent colour: the one bright note on the figure.
  parts.push(path("M-14 -142Q0 -134 14 -142L15 -132Q0 -126 -15 -132Z", { fill: o.accent }));
  // Seen from behind: the back of the head is hair, with a little skin at the neck.
  parts.push(rect(-5, -148, 10, 8, { fill: o.skin }), circle(0, -156, 14, { fill: hair }));
  if (style === 0) {
    // Hat with a brim.
    parts.push(
      ellipse(0, -166, 22, 5, { fill: dark }),
      path("M-12 -166Q-12 -186 0 -186Q12 -186 12 -166Z", { fill: dark }),
    );
  } else if (style === 1) {
    // A hood, seen from behind: it hides the head entirely.
    parts.push(path("M-18 -140Q-22 -176 0 -178Q22 -176 18 -140Z", { fill: darken(o.coat, 0.08) }));
  } else {
    parts.push(circle(0, -172, 8, { fill: hair }));
  }
  if (o.lantern) {
    parts.push(
      circle(44, -70, 34, { fill: o.lamp, opacity: 0.22 }),
      path("M40 -74L44 -86L48 -74", { stroke: dark, strokeWidth: 2 }),
      rect(38, -76, 12, 14, { fill: lighten(o.lamp, 0.3), rx: 2 }),
    );
  }
  if (o.umbrella) {
    parts.push(path("M0 -150L0 -212", { stroke: dark, strokeWidth: 3 }));
    parts.push(
      path(
        "M-62 -196Q-58 -250 0 -254Q58 -250 62 -196Q52 -206 41 -196Q31 -206 20 -196Q10 -206 0 -196Q-10 -206 -20 -196Q-31 -206 -41 -196Q-52 -206 -62 -196Z",
        { fill: o.accent },
      ),
    );
    parts.push(
      path("M0 -254Q-20 -230 -20 -196M0 -254Q20 -230 20 -196", {
        stroke: darken(o.accent, 0.25),
        strokeWidth: 2,
        opacity: 0.6,
      }),
    );
  }
  return group(parts);
}

export function astronaut(o: FigureOpts): string {
  const suit = o.coat;
  const shade = darken(suit, 0.22);
  const visor = mix(hex("#1b2340"), o.accent, 0.25);
  return group([
    rect(-34, -150, 22, 62, { fill: shade, rx: 6 }),
    path("M-20 -84L-20 -6h17L0 -84ZM2 -84L4 -6h17L22 -84Z", { fill: suit }),
    rect(-24, -10, 22, 12, { fill: shade, rx: 4 }),
    rect(2, -10, 22, 12, { fill: shade, rx: 4 }),
    path("M-28 -146Q-30 -90 -26 -78Q0 -70 26 -78Q30 -90 28 -146Q0 -156 -28 -146Z", { fill: suit }),
    path("M-28 -140L-44 -92L-34 -88L-22 -120ZM28 -140L44 -92L34 -88L22 -120Z", { fill: shade }),
    rect(-12, -124, 24, 16, { fill: shade, rx: 3 }),
    circle(-6, -116, 2.5, { fill: o.accent }),
    circle(4, -116, 2.5, { fill: hex("#6fd08c") }),
    circle(0, -168, 28, { fill: suit }),
    ellipse(4, -168, 19, 15, { fill: visor }),
    ellipse(-2, -174, 7, 4, { fill: lighten(o.lamp, 0.4), opacity: 0.7, rotate: -20 }),
  ]);
}

export function robot(o: FigureOpts): string {
  const body = o.coat;
  const shade = darken(body, 0.25);
  return group([
    rect(-18, -70, 12, 70, { fill: shade, rx: 3 }),
    rect(6, -70, 12, 70, { fill: shade, rx: 3 }),
    rect(-32, -140, 64, 74, { fill: body, rx: 8 }),
    rect(-46, -134, 12, 56, { fill: shade, rx: 5 }),
    rect(34, -134, 12, 56, { fill: shade, rx: 5 }),
    circle(0, -106, 9, { fill: o.accent }),
    rect(-24, -186, 48, 40, { fill: body, rx: 8 }),
    circle(-10, -166, 5, { fill: lighten(o.lamp, 0.2) }),
    circle(10, -166, 5, { fill: lighten(o.lamp, 0.2) }),
    path("M0 -186L0 -202", { stroke: shade, strokeWidth: 3 }),
    circle(0, -205, 4, { fill: o.accent }),
  ]);
}
