/**
 * Where a scene happens. The kind steers lighting (a city at night glows with windows, a forest
 * at night is moonlit) and composition (landscapes go wide, interiors stay close).
 */

export type PlaceKind = "nature" | "water" | "urban" | "interior" | "space";

export type PlaceEntry = {
  kind: PlaceKind;
  /** Colours the place itself insists on (Mars is red whatever the mood), used when no mood says. */
  palette?: { main: string; accent: string };
  /** An absolute phrase describing the place, added after the subject's own detail. */
  detail?: string;
  /** Uncountable: never gets "a" in front ("snow", "space"). */
  mass?: boolean;
};

type Row = [key: string, detail: string, mass?: boolean];

function table(kind: PlaceKind, rows: readonly Row[]): Record<string, PlaceEntry> {
  const out: Record<string, PlaceEntry> = {};
  for (const [key, detail, mass] of rows) {
    out[key] = {
      kind,
      ...(detail ? { detail } : {}),
      ...(mass ? { mass } : {}),
      ...(PLACE_PALETTES[key] ? { palette: PLACE_PALETTES[key] } : {}),
    };
  }
  return out;
}

const PLACE_PALETTES: Record<string, { main: string; accent: string }> = {
  mars: { main: "rust red and dusty ochre", accent: "pale butterscotch sky" },
  desert: { main: "sun-baked ochre and sand", accent: "deep cobalt sky" },
  dune: { main: "sun-baked ochre and sand", accent: "deep cobalt sky" },
  snow: { main: "soft whites and icy blue", accent: "warm gold" },
  arctic: { main: "soft whites and icy blue", accent: "pale rose" },
  glacier: { main: "glacial blue and white", accent: "slate grey" },
  volcano: { main: "molten orange and charcoal black", accent: "ember red" },
  jungle: { main: "deep emerald and lime green", accent: "tropical orange" },
  reef: { main: "turquoise and coral pink", accent: "sunlit yellow" },
  underwater: { main: "deep teal and aquamarine", accent: "shafts of pale gold" },
  nebula: { main: "nebula magenta and deep violet", accent: "glowing cyan" },
};

export const PLACES: Readonly<Record<string, PlaceEntry>> = {
  ...table("nature", [
    ["forest", "moss and ferns carpeting the ground between tall trunks"],
    ["woods", "moss and ferns carpeting the ground between tall trunks", true],
    ["woodland", "dappled undergrowth between old trunks"],
    ["jungle", "dense layered foliage dripping with vines"],
    ["rainforest", "dense layered foliage dripping with vines"],
    ["meadow", "tall grass and wildflowers swaying"],
    ["field", "rows of grass stretching toward the horizon"],
    ["prairie", "endless grass rolling to the horizon"],
    ["garden", "overgrown beds spilling onto the path"],
    ["park", "winding paths under spreading trees"],
    ["desert", "wind-carved dunes rippling into the distance"],
    ["dune", "wind-carved ripples across the sand"],
    ["mountain", "jagged peaks layered into the distance"],
    ["valley", "a river winding along the valley floor"],
    ["canyon", "striated rock walls glowing in layers"],
    ["cliff", "sheer rock dropping away below"],
    ["hill", "soft rolling slopes"],
    ["countryside", "patchwork fields and hedgerows", true],
    ["glacier", "deep blue crevasses in the ice"],
    ["tundra", "frost-bitten scrub stretching flat to the horizon", true],
    ["snow", "soft powder drifts all around", true],
    ["ice", "cracked blue ice glinting", true],
    ["swamp", "tangled roots rising from still dark water"],
    ["marsh", "reeds bending over still water"],
    ["cave", "dripping stone and glittering mineral veins"],
    ["volcano", "rivers of glowing lava and drifting ash"],
    ["savanna", "golden grass and lone acacia trees"],
    ["orchard", "rows of blossoming fruit trees"],
    ["vineyard", "neat rows of vines over rolling hills"],
    ["sky", "towering clouds stacked to the horizon", true],
    ["clouds", "towering cloud banks stretching away", true],
    ["wilderness", "untouched land stretching to the horizon", true],
    ["mars", "rust-red dust and scattered rocks stretching to the horizon", true],
    ["arctic", "endless ice floes under a low sun", true],
    ["highlands", "heather-covered slopes under a wide sky", true],
  ]),
  ...table("water", [
    ["lake", "mirror-still water reflecting the shore"],
    ["river", "water braiding around smooth stones"],
    ["stream", "clear water tumbling over stones"],
    ["waterfall", "white water plunging into a misty pool"],
    ["pond", "lily pads resting on still water"],
    ["ocean", "long swells rolling toward the shore"],
    ["sea", "long swells rolling toward the shore"],
    ["beach", "wet sand mirroring the sky"],
    ["coast", "waves breaking against dark rocks"],
    ["shore", "foam lacing the wet sand"],
    ["bay", "sheltered water dotted with moored boats"],
    ["harbor", "moored boats and stacked crates along the quay"],
    ["harbour", "moored boats and stacked crates along the quay"],
    ["pier", "weathered planks stretching out over the water"],
    ["dock", "moored boats and coiled ropes"],
    ["island", "a ring of pale sand and turquoise shallows"],
    ["reef", "coral gardens teeming with small fish"],
    ["underwater", "shafts of light and drifting particles", true],
    ["canal", "reflections rippling between old facades"],
  ]),
  ...table("urban", [
    ["city", "layered streets receding into the distance"],
    ["town", "crooked rooftops and narrow lanes"],
    ["village", "crooked rooftops and winding lanes"],
    ["street", "shopfronts and signs receding into the distance"],
    ["alley", "narrow walls hung with pipes and signs"],
    ["alleyway", "narrow walls hung with pipes and signs"],
    ["road", "a ribbon of road curving out of sight"],
    ["highway", "light trails stretching into the distance"],
    ["market", "crowded stalls piled with goods"],
    ["bazaar", "crowded stalls under patterned awnings"],
    ["square", "worn cobblestones and a central fountain"],
    ["plaza", "wide paving and scattered pigeons"],
    ["rooftop", "chimney pots and water tanks above a sprawl of roofs"],
    ["skyline", "towers layered against the sky"],
    ["downtown", "towers and busy crossings", true],
    ["neighborhood", "rows of houses and parked cars"],
    ["suburb", "tidy lawns and quiet streets"],
    ["station", "long platforms under a vaulted roof"],
    ["subway", "tiled walls and humming fluorescent tubes"],
    ["port", "cranes and stacked shipping containers"],
    ["metropolis", "towers layered endlessly into the haze"],
    ["ruins", "crumbling walls reclaimed by moss", true],
    ["campsite", "a smouldering fire and pitched tents"],
  ]),
  ...table("interior", [
    ["kitchen", "worn wooden counters and hanging copper pans"],
    ["windowsill", "a sill worn smooth by years of sun"],
    ["library", "towering shelves of old books"],
    ["bedroom", "rumpled linen and a cluttered nightstand"],
    ["living room", "a deep sofa and shelves of keepsakes"],
    ["room", "well-worn furniture and personal clutter"],
    ["studio", "canvases leaning against the walls"],
    ["workshop", "tools hanging in neat rows over a scarred bench"],
    ["cafe", "mismatched chairs and a chalkboard menu"],
    ["café", "mismatched chairs and a chalkboard menu"],
    ["coffee shop", "mismatched chairs and a chalkboard menu"],
    ["bar", "rows of bottles glinting behind the counter"],
    ["tavern", "heavy timber beams and a crackling hearth"],
    ["pub", "dark wood panelling and a crackling hearth"],
    ["restaurant", "linen-covered tables and low chatter"],
    ["diner", "chrome stools and red vinyl booths"],
    ["classroom", "rows of desks and a chalk-dusted board"],
    ["office", "cluttered desks and humming screens"],
    ["attic", "sloping beams and dust-sheeted furniture"],
    ["basement", "bare brick walls and exposed pipes"],
    ["hallway", "a long runner rug and framed photographs"],
    ["corridor", "a long vanishing line of doors"],
    ["museum", "polished floors and glass display cases"],
    ["laboratory", "glassware and softly blinking instruments"],
    ["lab", "glassware and softly blinking instruments"],
    ["bathroom", "steam-fogged tiles and a clawfoot tub"],
    ["cockpit", "banks of glowing dials and switches"],
    ["throne room", "tall pillars and a long crimson carpet"],
    ["greenhouse", "fogged glass and trailing vines"],
  ]),
  ...table("space", [
    ["space", "a deep field of stars", true],
    ["galaxy", "spiral arms of glittering stars"],
    ["nebula", "towering clouds of glowing gas"],
    ["planet", "a curved horizon against the stars"],
    ["orbit", "the curve of the planet far below", true],
    ["space station", "modular corridors and wide observation windows"],
  ]),
};

/** The usual preposition for putting something in a place, for titles. */
export function placePreposition(key: string, kind: PlaceKind): string {
  if (
    /^(beach|shore|coast|pier|dock|rooftop|street|road|highway|hill|mountain|cliff|island|planet|moon|field|ice|glacier|square|plaza)$/.test(
      key,
    )
  ) {
    return "on";
  }
  if (kind === "space" && key !== "space") return "on";
  return "in";
}
