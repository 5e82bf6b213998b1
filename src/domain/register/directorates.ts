/**
 * The council's directorates, with every name and abbreviation the papers use (DOMAIN.md 1.2) and the names
 * people use for them ("adult care", "childrens"): one vocabulary, so the import accepts what chat understands.
 */
export interface DirectorateDefinition {
  id: string;
  name: string;
  aliases: readonly string[];
}

export const DIRECTORATES: readonly DirectorateDefinition[] = [
  {
    id: "CYPS",
    name: "Children and Young People's Services",
    aliases: [
      "CYPS",
      "CPYS",
      "Children & Young People Services",
      "Children and Young Peoples Services",
      "Children's Services",
      "Children",
      "Childrens",
      "Children and Young People",
      "Children and Young People's",
      "Children's Social Care",
      "CYP",
    ],
  },
  {
    id: "ACHPH",
    name: "Adult Care, Housing and Public Health",
    aliases: [
      "ACHPH",
      "Adult Care, Housing & Public Health",
      "Adult Care Services",
      "Adult Social Care and Housing",
      "Adult Social Care",
      "ASC",
      "Adults",
      "Public Health",
      "Housing Services",
      "Housing Service",
      "Housing",
      "Adult",
      "Adult Care",
      "Adult Services",
      "Adults Services",
      "Adult Care and Housing",
    ],
  },
  {
    id: "RE",
    name: "Regeneration and Environment",
    aliases: [
      "R&E",
      "RE",
      "Regeneration and Environment Services",
      "Regeneration and Environment Directorate",
      "Regeneration & Environment",
      "Regeneration",
      "Regen",
      "Environment",
    ],
  },
  {
    id: "FCS",
    name: "Finance and Customer Services",
    aliases: ["FCS", "F&CS", "Finance & Customer Services", "Finance", "Customer Services"],
  },
  {
    id: "ACEX",
    name: "Assistant Chief Executive's Directorate",
    aliases: [
      "ACEX",
      "ACX",
      "Assistant Chief Executive's Department",
      "Assistant Chief Executive",
      "Assistant Chief Executive's",
      "Chief Executive's",
    ],
  },
  { id: "CS", name: "Corporate Services", aliases: ["Corporate Services"] },
  { id: "RT", name: "Resources and Transformation", aliases: ["Resources & Transformation"] },
];

/** How directorate names are compared: case, apostrophes, "&", "the", "directorate" and punctuation do not count. */
export function directorateNameKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/&/g, " and ")
    .replace(/'s\b/g, "s")
    .replace(/\b(the|directorate|department)\b/g, " ")
    .replace(/[^a-z0-9]+/g, "");
}

const BY_NAME = new Map<string, DirectorateDefinition>();
for (const directorate of DIRECTORATES) {
  for (const name of [directorate.id, directorate.name, ...directorate.aliases])
    BY_NAME.set(directorateNameKey(name), directorate);
}

/** The directorate a name, abbreviation or variant refers to ("CYPS", "Finance & Customer Services", "R&E"). */
export function findDirectorate(text: string | null | undefined): DirectorateDefinition | undefined {
  if (!text) return undefined;
  return BY_NAME.get(directorateNameKey(text));
}

export const DIRECTORATE_CHOICES = DIRECTORATES.slice(0, 5)
  .map((d) => d.id)
  .join(", ");

/** A directorate's name from its id ("CYPS" → "Children & Young People Services"); an unknown id as it is. */
export function directorateName(id: string): string {
  return DIRECTORATES.find((d) => d.id === id)?.name ?? id;
}
