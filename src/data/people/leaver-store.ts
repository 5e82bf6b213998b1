/**
 * Owners the directory says have left (account disabled) or does not know, with their open items: what the
 * leavers' report lists and the Reassign action hands on.
 */
import type { Store, Tx } from "../database.js";
import { Progress } from "../../domain/status/status.js";

/** Progress values of an item still to be done (the domain's isOpen). */
const OPEN_PROGRESS = [Progress.notStarted, Progress.inProgress];

export interface LeaverItem {
  id: number;
  ref: string;
  text: string;
  reviewTitle: string;
  directorateId: string;
  /** The item's own flag or its review's: what the visibility rule reads. */
  confidential: boolean;
  reviewConfidential: boolean;
  originalTargetRaw: string | null;
  revisedTargetRaw: string | null;
}

export interface Leaver {
  personId: number;
  email: string;
  name: string | null;
  jobTitle: string | null;
  directoryState: string;
  items: LeaverItem[];
}

const LEAVER_ITEM_FIELDS = {
  id: true,
  ref: true,
  text: true,
  confidential: true,
  originalTargetRaw: true,
  revisedTargetRaw: true,
  review: { select: { title: true, directorateId: true, confidential: true } },
} as const;

type LeaverItemRow = {
  id: number;
  ref: string;
  text: string;
  confidential: boolean;
  originalTargetRaw: string | null;
  revisedTargetRaw: string | null;
  review: { title: string; directorateId: string; confidential: boolean };
};

function leaverItem(row: LeaverItemRow): LeaverItem {
  return {
    id: row.id,
    ref: row.ref,
    text: row.text,
    reviewTitle: row.review.title,
    directorateId: row.review.directorateId,
    confidential: row.confidential,
    reviewConfidential: row.review.confidential,
    originalTargetRaw: row.originalTargetRaw,
    revisedTargetRaw: row.revisedTargetRaw,
  };
}

/** Owners of open items whose directory state is one of `states`, in id order, at most `limit` of them. */
export async function ownersInDirectoryStates(
  db: Store | Tx,
  states: readonly string[],
  options: { limit: number; afterId?: number },
): Promise<Leaver[]> {
  const people = await db.person.findMany({
    where: {
      directoryState: { in: [...states] },
      id: { gt: options.afterId ?? 0 },
      ownedItems: { some: { progress: { in: OPEN_PROGRESS } } },
    },
    orderBy: { id: "asc" },
    take: options.limit,
    select: {
      id: true,
      email: true,
      name: true,
      jobTitle: true,
      directoryState: true,
      ownedItems: { where: { progress: { in: OPEN_PROGRESS } }, orderBy: { id: "asc" }, select: LEAVER_ITEM_FIELDS },
    },
  });
  return people.map((p) => ({
    personId: p.id,
    email: p.email,
    name: p.name,
    jobTitle: p.jobTitle,
    directoryState: p.directoryState ?? "",
    items: p.ownedItems.map(leaverItem),
  }));
}

/** One person as the leavers' card shows them, with their open items now; null when nobody has that id. */
export async function leaverById(db: Store | Tx, personId: number): Promise<Leaver | null> {
  const p = await db.person.findUnique({
    where: { id: personId },
    select: {
      id: true,
      email: true,
      name: true,
      jobTitle: true,
      directoryState: true,
      ownedItems: { where: { progress: { in: OPEN_PROGRESS } }, orderBy: { id: "asc" }, select: LEAVER_ITEM_FIELDS },
    },
  });
  if (!p) return null;
  return {
    personId: p.id,
    email: p.email,
    name: p.name,
    jobTitle: p.jobTitle,
    directoryState: p.directoryState ?? "",
    items: p.ownedItems.map(leaverItem),
  };
}

/** Directorates whose lead (Directorate.leadEmail) is this email: they may hand on its leavers' items too. */
export async function directoratesLedByEmail(db: Store | Tx, email: string): Promise<string[]> {
  const rows = await db.directorate.findMany({ where: { leadEmail: email }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Each directorate's lead email (Directorate.leadEmail), for those that have one. */
export async function leadEmailsOf(db: Store | Tx, directorateIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.directorate.findMany({
    where: { id: { in: [...directorateIds] }, leadEmail: { not: null } },
    select: { id: true, leadEmail: true },
  });
  return new Map(rows.map((r) => [r.id, r.leadEmail!.trim().toLowerCase()]));
}

/** The person with this email, with their directory state (null when never looked up); null when unknown. */
export async function personByEmail(
  db: Store | Tx,
  email: string,
): Promise<{ id: number; email: string; directoryState: string | null } | null> {
  return db.person.findUnique({ where: { email }, select: { id: true, email: true, directoryState: true } });
}

/** The ids of the people with these emails, leaving out those who blocked or removed the bot. */
export async function reachablePersonIdsByEmails(db: Store | Tx, emails: readonly string[]): Promise<number[]> {
  if (!emails.length) return [];
  const people = await db.person.findMany({
    where: { unreachable: false, email: { in: [...emails] } },
    select: { id: true },
  });
  return people.map((p) => p.id);
}
