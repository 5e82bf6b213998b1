/**
 * The compose box's "Find a recommendation": the words read (or what to fix), the matching items from the
 * register snapshot (kept per snapshot, so paging through a search reads the register once), and for the
 * page asked for, each result's preview and the card it inserts.
 */
import type { AdaptiveCard } from "../../cards/render-card.js";
import { renderSearchPreview, type SearchPreview } from "../../cards/search-preview.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { itemStatus } from "../../domain/register/register.js";
import { readSearchText, searchItems, SearchLimit } from "../../domain/search/search-items.js";
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import { memoise, type RegisterSnapshots } from "../register/register-snapshots.js";
import type { Store } from "../store.js";
import { sharedItemCard } from "./shared-item-card.js";

export interface SearchRequest {
  text: string;
  /** Where the page starts (0 to SearchLimit.skip) and how long it is (1 to SearchLimit.page). */
  skip: number;
  count: number;
  /** Who is searching: an empty search lists their own open items. */
  email: string | null;
}

export interface SearchResult {
  itemId: number;
  preview: SearchPreview;
  card: AdaptiveCard;
}

export type SearchOutcome =
  { ok: false; reason: string } | { ok: true; words: string[]; total: number; results: SearchResult[] };

export interface SearchDependencies {
  store: Store;
  snapshots: RegisterSnapshots;
  today: IsoDate;
  atRiskSettings: AtRiskSettings;
}

export async function searchRegister(deps: SearchDependencies, request: SearchRequest): Promise<SearchOutcome> {
  const read = readSearchText(request.text);
  if (!read.ok) return read;
  const { words } = read;
  const snapshot = await deps.snapshots.snapshot();
  const me = words.length === 0 ? (request.email?.trim().toLowerCase() ?? null) : null;
  const matches = memoise(snapshot, `search|${me ?? ""}|${words.join(" ")}`, () =>
    searchItems(snapshot.reviews, words, me),
  );
  const skip = Math.min(Math.max(0, request.skip), SearchLimit.skip);
  const count = Math.min(Math.max(1, request.count), SearchLimit.page);
  const page = matches.slice(skip, skip + count);
  const cards = await Promise.all(
    page.map(({ item }) => sharedItemCard(deps.store, item.id, deps.today, deps.atRiskSettings)),
  );
  const results: SearchResult[] = [];
  page.forEach(({ review, item }, i) => {
    const shared = cards[i]!;
    // An item removed since the snapshot, or made confidential, is left out rather than shown as it was.
    if (shared.ok)
      results.push({
        itemId: item.id,
        preview: renderSearchPreview(review, item, itemStatus(item, deps.today)),
        card: shared.card,
      });
  });
  return { ok: true, words, total: matches.length, results };
}
