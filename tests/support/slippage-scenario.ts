/**
 * Slippage on the D0 register (Audit Committee 9 January 2024, since 27 July 2023), made the way people
 * make it: owners ask for later targets and say how confident they are through the update card's service,
 * the improvement team decides requests and sets priorities. Used by the report's tests and by the sample
 * report, so the sample shows every slippage table: requests approved, declined and waiting (one decided
 * only after the cut-off), a repeat extension, items at risk and an overdue high-priority item.
 */
import type { PrismaClient } from "../../src/data/database.js";
import { DEFAULT_PRIORITY_LABELS } from "../../src/domain/status/priority.js";
import { decideExtension, ExtensionDecisionKind } from "../../src/services/extensions/extension-requests.js";
import type { Actor } from "../../src/services/people/permissions.js";
import { recordProgressUpdate } from "../../src/services/updates/record-progress-update.js";
import { setItemPriority } from "../../src/services/register/set-item-priority.js";

export const IMPROVEMENT_TEAM: Actor = {
  personId: null,
  email: "improvement.team@example.org",
  isImprovementTeam: true,
  leads: [],
};

export async function findItem(prisma: PrismaClient, reviewTitle: string, ref: string) {
  return prisma.item.findFirstOrThrow({ where: { ref, review: { title: { startsWith: reviewTitle } } } });
}

/** The owner's update from the card, at `at`: the inputs as the card sends them. Returns the request made, if any. */
export async function ownerUpdate(
  prisma: PrismaClient,
  itemId: number,
  inputs: Record<string, string>,
  at: string,
): Promise<number | null> {
  const item = await prisma.item.findUniqueOrThrow({ where: { id: itemId }, include: { owner: true } });
  const now = new Date(at);
  const outcome = await recordProgressUpdate(
    prisma,
    { itemId, version: item.version, submissionId: `${itemId}-${at}`, inputs: { progress: item.progress, ...inputs } },
    { personId: item.ownerId, email: item.owner?.email ?? null, isImprovementTeam: false, leads: [] },
    now,
    at.slice(0, 10),
  );
  if (!outcome.ok) throw new Error(`the update to item ${itemId} was refused: ${JSON.stringify(outcome)}`);
  return outcome.extension?.id ?? null;
}

export async function decide(
  prisma: PrismaClient,
  requestId: number,
  decision: ExtensionDecisionKind,
  comment: string | null,
  at: string,
): Promise<void> {
  const outcome = await decideExtension(prisma, { requestId, decision, comment }, IMPROVEMENT_TEAM, new Date(at));
  if (!outcome.ok) throw new Error(`the decision on request ${requestId} was refused: ${JSON.stringify(outcome)}`);
}

/** The owner asks for `to` with `reason`; the request's id. */
async function ask(prisma: PrismaClient, itemId: number, to: string, reason: string, at: string): Promise<number> {
  const id = await ownerUpdate(prisma, itemId, { revisedTarget: to, revisionReason: reason }, at);
  if (id === null) throw new Error(`no extension request was made for item ${itemId}`);
  return id;
}

export async function addSlippage(prisma: PrismaClient): Promise<void> {
  // ILACS area for improvement 3 (Nov 2022, revised to Feb 2024 on import): extended again, so twice.
  const frontDoor = await findItem(prisma, "Inspection of Local Authority Children", "Area for improvement 3");
  const again = await ask(
    prisma,
    frontDoor.id,
    "May-24",
    "The new multi-agency front door needs a second phase of recruitment.",
    "2023-09-01T10:00:00Z",
  );
  await decide(prisma, again, ExtensionDecisionKind.approve, null, "2023-09-05T10:00:00Z");

  // ILACS area for improvement 4: a further move declined, with the reason the owner is given.
  const careLeavers = await findItem(prisma, "Inspection of Local Authority Children", "Area for improvement 4");
  const declined = await ask(
    prisma,
    careLeavers.id,
    "Apr-24",
    "The local offer consultation closes later than planned.",
    "2023-12-01T10:00:00Z",
  );
  await decide(
    prisma,
    declined,
    ExtensionDecisionKind.decline,
    "Bring the recovery plan to DLT first.",
    "2023-12-05T10:00:00Z",
  );

  // Customer Service action 10: high priority, past its December target, with a request still waiting.
  const action10 = await findItem(prisma, "Customer Service Peer Review", "Action 10");
  await setItemPriority(
    prisma,
    [action10.id],
    "high",
    DEFAULT_PRIORITY_LABELS,
    IMPROVEMENT_TEAM,
    new Date("2023-10-02T10:00:00Z"),
  );
  await ask(prisma, action10.id, "Mar-24", "The telephony contract change moved to February.", "2024-01-05T10:00:00Z");

  // 2021/22 VFM recommendation 2: asked before the cut-off, approved the day after it (waiting as at the cut-off).
  const vfm = await findItem(prisma, "2021/22 VFM arrangements", "Recommendation 2");
  const afterCutOff = await ask(
    prisma,
    vfm.id,
    "Sep-24",
    "The capital programme review reports in the summer.",
    "2024-01-08T10:00:00Z",
  );
  await decide(prisma, afterCutOff, ExtensionDecisionKind.approve, "Agreed at SLT.", "2024-01-10T10:00:00Z");

  // Corporate Peer Challenge recommendation 6: its owner says it will miss March 2024.
  const cpc6 = await findItem(prisma, "Corporate Peer Challenge", "Recommendation 6");
  await ownerUpdate(prisma, cpc6.id, { confidence: "will_miss" }, "2023-12-15T10:00:00Z");
}
