/**
 * The committee report names people as a committee paper does ("Jo Bloggs, Head of Service"), not by email:
 * who asked for each extension and who decided it, as the register records them by email. The register the
 * exports read keeps its emails; only the copy the report is built from is named.
 */
import type { Store } from "../../data/database.js";
import { namingsByEmail } from "../../data/people/person-store.js";
import { personLabel } from "../../domain/people/person-label.js";
import type { RegisterReview } from "../../domain/register/register.js";

/** A copy of `register` with the people its extension requests name given by name and job title where known. */
export async function withPeopleNamed(store: Store, register: readonly RegisterReview[]): Promise<RegisterReview[]> {
  const requests = register.flatMap((r) => r.items.flatMap((i) => i.extensionRequests ?? []));
  const emails = requests.flatMap((r) => [r.requestedBy, ...(r.decision ? [r.decision.by] : [])]);
  const people = await namingsByEmail(store, emails);
  if (!people.size) return [...register];
  const named = (email: string) => (people.has(email) ? personLabel(people.get(email)) : email);
  return register.map((review) => ({
    ...review,
    items: review.items.map((item) =>
      item.extensionRequests?.length
        ? {
            ...item,
            extensionRequests: item.extensionRequests.map((request) => ({
              ...request,
              requestedBy: named(request.requestedBy),
              decision: request.decision ? { ...request.decision, by: named(request.decision.by) } : null,
            })),
          }
        : item,
    ),
  }));
}
