/** How an imported CSV's bytes were read as text: the names the import report and the command line use. */
export const TextEncoding = {
  utf8: "utf-8",
  utf16le: "utf-16le",
  utf16be: "utf-16be",
  windows1252: "windows-1252",
} as const;
export type TextEncoding = (typeof TextEncoding)[keyof typeof TextEncoding];
