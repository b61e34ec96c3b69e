/**
 * Brings an element into view when it is off screen (on a phone the Prompt sits a screen or
 * more below the compose form), after the next paint so its new content is laid out. Focus
 * stays where it is; the jump is instant for people who ask for reduced motion.
 */
export function revealIfOffscreen(el: HTMLElement | null, block: ScrollLogicalPosition = "center"): void {
  const reveal = () => {
    if (!el?.scrollIntoView) return;
    const { top, bottom } = el.getBoundingClientRect();
    // Mostly in view already (a desktop layout): leave the page where the person put it.
    if (top >= 0 && top < window.innerHeight - 80 && bottom > 0) return;
    const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;
    el.scrollIntoView({ block, behavior: reduce ? "auto" : "smooth" });
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(reveal);
  else setTimeout(reveal, 0);
}
