/**
 * The register page: who the viewer is (and a banner when the server acts for the local user without
 * sign-on), the filters, the summary, the grid with its pages, the downloads, and the open item.
 * The server pages, filters and sorts; the page asks again whenever any of them changes and shows only the
 * answer to its latest question.
 */
import { MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  getJson,
  type Directorate,
  type Me,
  type RegisterPage as RegisterAnswer,
  type ReportingPoint,
  type Summary,
  type TokenSource,
} from "./api";
import { DownloadsPanel } from "./DownloadsPanel";
import { FilterPanel } from "./FilterPanel";
import { DEFAULT_SORTING, NO_FILTERS, PAGE_SIZE, filterQuery, tabPlace, type Filters, type Sorting } from "./filters";
import { ItemDialog } from "./ItemDialog";
import { RegisterTable } from "./RegisterTable";
import { SummaryPanel } from "./SummaryPanel";
import type { TabHost } from "./teams-host";

const useStyles = makeStyles({
  page: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "16px", maxWidth: "1400px" },
  heading: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  panels: { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: "16px" },
});

export function RegisterPage({ host, search }: { host: TabHost; search: string }) {
  const styles = useStyles();
  const place = useMemo(() => tabPlace(search), [search]);
  const token: TokenSource = useCallback(() => host.token(), [host]);
  const [me, setMe] = useState<Me | null>(null);
  const [directorates, setDirectorates] = useState<Directorate[]>([]);
  const [points, setPoints] = useState<ReportingPoint[]>([]);
  const [filters, setFilters] = useState<Filters>({ ...NO_FILTERS, directorate: place.directorate });
  const [sorting, setSorting] = useState<Sorting>(DEFAULT_SORTING);
  const [page, setPage] = useState(1);
  const [register, setRegister] = useState<RegisterAnswer | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [openItem, setOpenItem] = useState<number | null>(null);
  const closeItem = useCallback(() => setOpenItem(null), []);
  const itemChanged = useCallback(() => setRefreshes((n) => n + 1), []);
  const [refreshes, setRefreshes] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    void getJson<Me>(token, "/api/me").then((answer) => {
      if (answer.ok) setMe(answer.data);
      else setProblem(`Could not sign you in: ${answer.error}`);
    });
    void getJson<Directorate[]>(token, "/api/directorates").then((answer) => answer.ok && setDirectorates(answer.data));
    void getJson<ReportingPoint[]>(token, "/api/reporting-points").then(
      (answer) => answer.ok && setPoints(answer.data),
    );
  }, [token]);

  useEffect(() => {
    const asked = ++latest.current;
    const query = filterQuery(place.scope, filters);
    void getJson<RegisterAnswer>(token, "/api/register", {
      ...query,
      page,
      pageSize: PAGE_SIZE,
      sort: sorting.sort,
      order: sorting.order,
    }).then((answer) => {
      if (asked !== latest.current) return;
      if (answer.ok) {
        setRegister(answer.data);
        setProblem(null);
      } else setProblem(`The register could not be loaded: ${answer.error}`);
    });
    void getJson<Summary>(token, "/api/summary", query).then((answer) => {
      if (asked === latest.current && answer.ok) setSummary(answer.data);
    });
  }, [token, place.scope, filters, sorting, page, refreshes]);

  const changeFilters = useCallback((next: Filters) => {
    setFilters(next);
    setPage(1);
  }, []);
  const changeSorting = useCallback((next: Sorting) => {
    setSorting(next);
    setPage(1);
  }, []);

  const directorateName = directorates.find((d) => d.id === place.directorate)?.name ?? place.directorate;
  const title =
    place.scope === "channel"
      ? `Register: ${place.directorate === "all" ? "All directorates" : directorateName}`
      : "Register";

  return (
    <main className={styles.page}>
      <h1 className={styles.heading}>{title}</h1>
      {me?.local ? (
        <div role="alert">
          <MessageBar intent="warning">
            <MessageBarBody>
              Local mode: acting as {me.email} (no Teams sign-on; the server allows this only on this machine).
            </MessageBarBody>
          </MessageBar>
        </div>
      ) : null}
      {problem ? (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      ) : null}
      <FilterPanel
        filters={filters}
        onChange={changeFilters}
        directorates={directorates}
        lockedDirectorate={place.scope === "channel" ? place.directorate : null}
        seenRows={register?.items ?? []}
      />
      <div className={styles.panels}>
        <SummaryPanel summary={summary} directorate={filters.directorate} />
        <RegisterTable
          answer={register}
          sorting={sorting}
          onSort={changeSorting}
          onPage={setPage}
          onOpen={setOpenItem}
        />
        <DownloadsPanel token={token} query={filterQuery(place.scope, filters)} points={points} />
      </div>
      {openItem !== null ? (
        <ItemDialog
          key={openItem}
          itemId={openItem}
          scope={place.scope}
          token={token}
          onClose={closeItem}
          onChanged={itemChanged}
        />
      ) : null}
    </main>
  );
}
