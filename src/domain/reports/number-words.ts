/**
 * Numbers as the council's papers write them in running text ("Fourteen ongoing recommendations ...
 * Forty-eight remain in progress"); figures in tables stay as digits.
 */
const UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
] as const;
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"] as const;

/** "forty-eight"; numbers of 100 and over (or negative, or fractional) stay as digits, as the papers leave them. */
export function numberWord(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 20) return UNITS[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens}-${UNITS[n % 10]}`;
}

/** "Forty-eight", for the start of a sentence. */
export function numberWordCapitalised(n: number): string {
  const word = numberWord(n);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "one recommendation", "two recommendations". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${numberWord(n)} ${n === 1 ? singular : plural}`;
}
