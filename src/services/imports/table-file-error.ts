/** The error a table file reader throws for a file that cannot be imported, saying what to do instead. */
/** `line`: where reading stopped; null when the problem is the whole file's. */
export class TableFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}
