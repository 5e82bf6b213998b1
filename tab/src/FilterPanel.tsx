/**
 * The register's filters. Choices apply at once; typed text (search, review, body, owner) applies on Enter
 * or after a short pause in typing, so each keystroke does not ask the server again. Review, body and owner
 * suggest what the grid has shown so far and accept any text.
 */
import { Button, Checkbox, Field, Input, SearchBox, Select, makeStyles } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Directorate, RegisterRow } from "./api";
import { NO_FILTERS, type Filters } from "./filters";
import { DEFAULT_PRIORITIES, STATUS_CODES, statusLabel } from "./labels";

const TYPING_PAUSE_MS = 400;

const useStyles = makeStyles({
  panel: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(200px, 1fr))",
    gap: "8px 16px",
    alignItems: "end",
    // Grid items may shrink below their content's width, so a long option never spills into the next filter.
    "& > *": { minWidth: 0 },
    "& .fui-Select, & .fui-Input, & .fui-SearchBox": { width: "100%", minWidth: 0, maxWidth: "100%" },
  },
  heading: { gridColumn: "1 / -1", margin: 0, fontSize: "1.1rem" },
  search: { gridColumn: "span 2" },
});

type TextFilter = "q" | "review" | "body" | "owner";
const TEXT_FILTERS: TextFilter[] = ["q", "review", "body", "owner"];

interface FilterPanelProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  directorates: Directorate[];
  /** The channel tab's directorate: shown, not changeable. */
  lockedDirectorate: string | null;
  seenRows: RegisterRow[];
}

/** Every distinct value seen so far, sorted, remembered across pages. */
function useSeen(rows: RegisterRow[], pick: (row: RegisterRow) => string | null): string[] {
  const seen = useRef(new Set<string>());
  return useMemo(() => {
    for (const row of rows) {
      const value = pick(row);
      if (value) seen.current.add(value);
    }
    return [...seen.current].sort((a, b) => a.localeCompare(b));
  }, [rows, pick]);
}

const pickReview = (row: RegisterRow) => row.review_title;
const pickBody = (row: RegisterRow) => row.review_body;
const pickOwner = (row: RegisterRow) => row.owner_email;
const pickPriority = (row: RegisterRow) => row.priority;

export function FilterPanel({ filters, onChange, directorates, lockedDirectorate, seenRows }: FilterPanelProps) {
  const styles = useStyles();
  const [drafts, setDrafts] = useState<Record<TextFilter, string>>(() => ({
    q: filters.q,
    review: filters.review,
    body: filters.body,
    owner: filters.owner,
  }));
  const reviews = useSeen(seenRows, pickReview);
  const bodies = useSeen(seenRows, pickBody);
  const owners = useSeen(seenRows, pickOwner);
  const seenPriorities = useSeen(seenRows, pickPriority);
  const priorities = [...new Set([...DEFAULT_PRIORITIES, ...seenPriorities])];

  // After a pause in typing, the drafts become the filters.
  useEffect(() => {
    if (TEXT_FILTERS.every((name) => drafts[name] === filters[name])) return;
    const timer = setTimeout(() => onChange({ ...filters, ...drafts }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [drafts, filters, onChange]);

  const typed = (name: TextFilter) => ({
    value: drafts[name],
    onChange: (_event: unknown, data: { value: string }) => setDrafts((d) => ({ ...d, [name]: data.value })),
    onKeyDown: (event: React.KeyboardEvent) => {
      if (event.key === "Enter") onChange({ ...filters, ...drafts });
    },
  });
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...drafts, ...change });

  const clear = () => {
    setDrafts({ q: "", review: "", body: "", owner: "" });
    onChange({ ...NO_FILTERS, directorate: lockedDirectorate ?? NO_FILTERS.directorate });
  };

  return (
    <section aria-label="Filters" className={styles.panel}>
      <h2 className={styles.heading}>Filters</h2>
      <Field label="Search the register" className={styles.search}>
        <SearchBox placeholder="Ref, review, item text or owner" {...typed("q")} />
      </Field>
      <Field label="Directorate">
        <Select
          value={lockedDirectorate ?? filters.directorate}
          disabled={lockedDirectorate !== null}
          onChange={(_e, data) => set({ directorate: data.value })}
        >
          <option value="all">All directorates</option>
          {directorates.map((d) => (
            <option key={d.id} value={d.id}>
              {d.id}: {d.name}
            </option>
          ))}
          {lockedDirectorate && lockedDirectorate !== "all" && !directorates.some((d) => d.id === lockedDirectorate) ? (
            <option value={lockedDirectorate}>{lockedDirectorate}</option>
          ) : null}
        </Select>
      </Field>
      <Field label="Status">
        <Select value={filters.status} onChange={(_e, data) => set({ status: data.value })}>
          <option value="">Any status</option>
          {STATUS_CODES.map((code) => (
            <option key={code} value={code}>
              {statusLabel(code)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Priority">
        <Select value={filters.priority} onChange={(_e, data) => set({ priority: data.value })}>
          <option value="">Any priority</option>
          {priorities.map((priority) => (
            <option key={priority} value={priority}>
              {priority}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Review">
        <Input list="tab-reviews" {...typed("review")} />
      </Field>
      <Field label="Body">
        <Input list="tab-bodies" {...typed("body")} />
      </Field>
      <Field label="Owner">
        <Input list="tab-owners" {...typed("owner")} />
      </Field>
      <Field label="Target from">
        <Input type="date" value={filters.targetFrom} onChange={(_e, data) => set({ targetFrom: data.value })} />
      </Field>
      <Field label="Target to">
        <Input type="date" value={filters.targetTo} onChange={(_e, data) => set({ targetTo: data.value })} />
      </Field>
      <Checkbox
        label="At risk only"
        checked={filters.atRisk}
        onChange={(_e, data) => set({ atRisk: data.checked === true })}
      />
      <Checkbox
        label="Waiting on a decision"
        checked={filters.waiting}
        onChange={(_e, data) => set({ waiting: data.checked === true })}
      />
      <Button onClick={clear}>Clear filters</Button>
      <datalist id="tab-reviews">
        {reviews.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <datalist id="tab-bodies">
        {bodies.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
      <datalist id="tab-owners">
        {owners.map((value) => (
          <option key={value} value={value} />
        ))}
      </datalist>
    </section>
  );
}
