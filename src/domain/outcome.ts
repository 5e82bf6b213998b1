/** A rule's answer as a value: the result, or why it was refused in words a person can act on. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export function refused(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

/** "a, b or c": the allowed values, named in a refusal. */
export function choiceList(values: readonly string[]): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}
