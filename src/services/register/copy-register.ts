/**
 * Moving a register to another database (a SQLite file to PostgreSQL, or back): both are migrated,
 * the target must be empty, and every table is copied in one transaction on the target. Refusals are
 * values with a message saying what to do; database URLs are only ever shown without their password.
 */
import { existsSync } from "node:fs";
import { copyTables, type TableRows } from "../../data/register/copy-store.js";
import { openDatabase, sqlitePath, storeKindOf, type Store, type StoreKind } from "../../data/database.js";
import { plural } from "../../domain/text/readable-text.js";
import type { Logger } from "../../logger.js";

export type CopyRegisterOutcome =
  | { ok: true; from: string; to: string; tables: TableRows[]; rows: number }
  | { ok: false; from: string; to: string; reason: string };

/** Any URL with its password hidden, whatever its scheme (a mistyped one may hold a password too). */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, "//$1:***@");
  }
}

/**
 * A message from a driver in one line: Prisma's own wrapping ("Invalid `prisma.…()` invocation")
 * dropped, and the password cut out in case it repeats the URL.
 */
function scrubbed(message: string, ...urls: string[]): string {
  let text = (/Message: `([\s\S]*)`\s*$/.exec(message)?.[1] ?? message).replace(/\s+/g, " ").trim();
  for (const url of urls) {
    let password = "";
    try {
      password = decodeURIComponent(new URL(url).password);
    } catch {
      // Not a URL, so no password in it.
    }
    if (password) text = text.split(password).join("***").split(encodeURIComponent(password)).join("***");
  }
  return text;
}

/** Where a URL points, so that one database named two ways is recognised as one. */
function placeOf(url: string, kind: StoreKind): string {
  if (kind === "sqlite") return sqlitePath(url);
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

function checkUrl(
  url: string,
  side: "source" | "target",
): { ok: true; kind: StoreKind } | { ok: false; reason: string } {
  const kind = storeKindOf(url);
  if (!kind.ok) {
    return {
      ok: false,
      reason: `the ${side} "${withoutPassword(url)}" is not a database URL: give a SQLite file as file:./data/tracker.db or PostgreSQL as postgresql://user:password@host:5432/database`,
    };
  }
  if (kind.kind === "postgresql") {
    try {
      new URL(url);
    } catch {
      return {
        ok: false,
        reason: `the ${side} "${withoutPassword(url)}" cannot be read as a URL: write it as postgresql://user:password@host:5432/database (a password with @, : or / needs them percent-encoded)`,
      };
    }
  }
  return kind;
}

/**
 * Copies every table from the register at `from` into the empty database at `to`. On PostgreSQL the
 * target is migrated and filled while holding the lock instances take to start, so a bot starting on
 * it meanwhile waits and then finds the copied register rather than loading the demo.
 */
export async function copyRegister(options: {
  from: string;
  to: string;
  logger: Logger;
}): Promise<CopyRegisterOutcome> {
  const { from, to, logger } = options;
  const shown = { from: withoutPassword(from), to: withoutPassword(to) };
  const refuse = (reason: string): CopyRegisterOutcome => ({ ok: false, ...shown, reason });
  const source = checkUrl(from, "source");
  if (!source.ok) return refuse(source.reason);
  const target = checkUrl(to, "target");
  if (!target.ok) return refuse(target.reason);
  if (source.kind === target.kind && placeOf(from, source.kind) === placeOf(to, target.kind)) {
    return refuse("the source and the target are the same database: name a new, empty database as the target");
  }
  if (source.kind === "sqlite" && !existsSync(sqlitePath(from))) {
    return refuse(
      `the source file ${sqlitePath(from)} does not exist: give the register's file, e.g. file:./data/tracker.db`,
    );
  }

  let sourceStore: Store | undefined;
  let targetStore: Store | undefined;
  try {
    try {
      sourceStore = await openDatabase(from);
    } catch (error) {
      return refuse(`the source ${shown.from} could not be opened: ${scrubbed((error as Error).message, from, to)}`);
    }
    const opened = sourceStore;
    let outcome: CopyRegisterOutcome | undefined;
    let copying = false;
    try {
      targetStore = await openDatabase(to, async (store) => {
        copying = true;
        const copied = await copyTables({ store: opened, kind: source.kind }, { store, kind: target.kind });
        outcome = copied.ok
          ? { ok: true, ...shown, tables: copied.tables, rows: copied.tables.reduce((sum, t) => sum + t.rows, 0) }
          : refuse(
              `the target already holds ${copied.occupied.map((t) => `${plural(t.rows, "row")} in ${t.table}`).join(", ")}. ` +
                "Copy into a new, empty database (and start the bot on it only after the copy)",
            );
      });
    } catch (error) {
      const message = scrubbed((error as Error).message, from, to);
      return refuse(
        copying
          ? `${message}; the copy was rolled back, so the target holds none of it`
          : `the target ${shown.to} could not be opened: ${message}`,
      );
    }
    if (outcome?.ok)
      logger.info({ from: shown.from, to: shown.to, tables: outcome.tables, rows: outcome.rows }, "register copied");
    return outcome ?? refuse("the copy did not run");
  } finally {
    await Promise.all([sourceStore?.$disconnect(), targetStore?.$disconnect()]);
  }
}
