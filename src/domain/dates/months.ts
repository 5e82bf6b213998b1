/** The months, named once: full names, the short forms the papers use ("Sep"), and the words that mean each. */

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
export type MonthName = (typeof MONTH_NAMES)[number];

/** "Jan" … "Dec", as "30 Sep 2025". */
export const MONTH_SHORT_NAMES = MONTH_NAMES.map((name) => name.slice(0, 3));

/** A regular-expression group matching a month written in full or short ("Sept" too), for case-insensitive patterns. */
export const MONTH_PATTERN =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/** 1-12 for a word MONTH_PATTERN matched ("Sept.", "march"); 0 for anything else. */
export function monthNumberOf(word: string): number {
  const short = word.toLowerCase().replace(/\.$/, "").slice(0, 3);
  return MONTH_SHORT_NAMES.findIndex((name) => name.toLowerCase() === short) + 1;
}

/** "January" for 1; "" outside 1-12. */
export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? "";
}
