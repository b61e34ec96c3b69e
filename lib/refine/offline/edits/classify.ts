import { findMedium } from "../vocab/media";
import { FRAMING_TERMS } from "../vocab/framing";
import { PALETTE_TERMS } from "../vocab/colors";
import { MOODS } from "../vocab/moods";

/**
 * What a segment of a prompt is about, by its words. Works on any prompt, not only ours, so an
 * edit can find "the lighting" or "the palette" in a chat model's prose too.
 */
export type Category = "quality" | "detail" | "palette" | "framing" | "light" | "medium" | "mood" | "other";

export const LIGHT_TERMS =
  /(?<![\w-])(light|lights|lit|lighting|glow|glows|glowing|lamplight|candlelight|candlelit|shadows?|illuminat\w*|backlit|rim light|neon|sunlight|moonlight|daylight|starlight|highlights?|stormlight|gaslight|firelight|chiaroscuro|sun|sunshine)(?![\w-])/i;

export const PHOTO_ONLY =
  /(?<![\w-])(\d+mm|lens|aperture|f\/\d[\d.]*|bokeh|depth of field|film grain|35mm film|photographed|exposure|halation|anamorphic|shot on|background blur|true-to-life)(?![\w-])/i;

export const ART_ONLY =
  /(?<![\w-])(brush\w*|impasto|canvas|paper|washes|wet-on-wet|underdrawing|line ?art|linework|lines of varied weight|hatching|cel[- ]shad\w*|pixels?|pixel clusters|dithering|anti-aliasing|ink|craquelure|pigments|painterly|gouache|sketchy)(?![\w-])/i;

const DETAIL_TERMS =
  /(?<![\w-])(texture|textures|detail|detailed|details|grain|catchlights|brushwork|brushstrokes|linework|line art|hatching|sharp focus|crisp|intricate|edges|spatters|dithering|materials|scattering|occlusion)(?![\w-])/i;

const QUALITY =
  /^(masterpiece|best quality|high quality|highly detailed|ultra detailed|8k|4k|uhd|hdr|award[- ]winning|trending on artstation|sharp focus|high resolution)$/i;

const MOOD_WORDS = new RegExp(
  `(?<![\\w-])(${MOODS.flatMap((m) => m.words).join("|")}|mood|atmosphere|feel|feels)(?![\\w-])`,
  "i",
);

export function classify(text: string): Category {
  const t = text.trim();
  if (QUALITY.test(t)) return "quality";
  if (findMedium(t)) return "medium";
  if (PALETTE_TERMS.test(t)) return "palette";
  if (FRAMING_TERMS.test(t)) return "framing";
  if (LIGHT_TERMS.test(t)) return "light";
  if (DETAIL_TERMS.test(t)) return "detail";
  if (MOOD_WORDS.test(t)) return "mood";
  return "other";
}

/** Shot type, angle or focal length: what a framing edit replaces (depth of field can stay). */
export const SHOT_TERMS =
  /(?<![\w-])(close-up|closeup|macro|shot|angle|view|framing|framed|composition|perspective|bird's-eye|aerial|overhead|eye[- ]level|panoramic|\d+mm|portrait framing|vignette)(?![\w-])/i;
