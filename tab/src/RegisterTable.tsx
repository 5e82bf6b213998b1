/**
 * The register's grid: one page of the server's answer, sortable by its column headers (the server sorts),
 * each row's status with its reason, the ref as the button that opens the item, and the pages. A live
 * region says how many items the filters found, so a screen reader hears the result of each change.
 */
import {
  Badge,
  Button,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { RegisterPage, RegisterRow } from "./api";
import type { SortColumn, Sorting } from "./filters";
import { statusLabel } from "./labels";

const useStyles = makeStyles({
  // The row's own colour (which Fluent changes with the row's hover and focus in every theme): never a lighter
  // shade, which loses its contrast on a highlighted row in high contrast.
  reason: { display: "block", color: "inherit", fontSize: tokens.fontSizeBase200 },
  badges: { display: "flex", gap: "4px", flexWrap: "wrap", marginTop: "2px" },
  pager: { display: "flex", gap: "8px", alignItems: "center", marginTop: "8px" },
  count: { fontWeight: tokens.fontWeightSemibold },
  scroll: { overflowX: "auto" },
  table: {
    tableLayout: "auto",
    "& td": { overflowWrap: "anywhere" },
    // Refs wrap between words only ("Area for / improvement 1"), never inside one.
    "& td:first-child": { minWidth: "9rem", overflowWrap: "normal" },
  },
  // The ref reads as a link in the row's text colour, which keeps its contrast on a hovered or focused row too.
  ref: {
    minWidth: "auto",
    paddingLeft: 0,
    paddingRight: 0,
    textAlign: "left",
    textDecoration: "underline",
    color: "inherit",
    ":hover, :hover:active": { color: "inherit" },
  },
});

const COLUMNS: { key: SortColumn; label: string }[] = [
  { key: "ref", label: "Ref" },
  { key: "review", label: "Review" },
  { key: "directorate", label: "Directorate" },
  { key: "owner", label: "Owner" },
  { key: "target", label: "Target" },
  { key: "status", label: "Status" },
  { key: "priority", label: "Priority" },
];

/** "Items 1 to 50 of 312", "1 item", "No items match these filters". */
export function resultsText(answer: RegisterPage): string {
  if (answer.total === 0) return "No items match these filters";
  const first = (answer.page - 1) * answer.pageSize + 1;
  const last = first + answer.items.length - 1;
  if (answer.total <= answer.pageSize && answer.page === 1)
    return answer.total === 1 ? "1 item" : `${answer.total} items`;
  return `Items ${first} to ${last} of ${answer.total}`;
}

function Target({ row }: { row: RegisterRow }) {
  const moved = row.revised_target && row.original_target && row.revised_target !== row.original_target;
  return (
    <>
      {row.effective_target ?? "TBC"}
      {moved ? <span> (was {row.original_target})</span> : null}
    </>
  );
}

interface RegisterTableProps {
  answer: RegisterPage | null;
  sorting: Sorting;
  onSort: (sorting: Sorting) => void;
  onPage: (page: number) => void;
  onOpen: (itemId: number) => void;
}

export function RegisterTable({ answer, sorting, onSort, onPage, onOpen }: RegisterTableProps) {
  const styles = useStyles();
  const sortBy = (column: SortColumn) =>
    onSort({
      sort: column,
      order: sorting.sort === column && sorting.order === "asc" ? "desc" : "asc",
    });
  return (
    <section aria-label="Items">
      <div role="status" aria-live="polite" className={styles.count}>
        {answer ? resultsText(answer) : "Loading the register…"}
      </div>
      {answer ? null : <Spinner size="small" label="Loading" />}
      <div className={styles.scroll}>
        <Table sortable aria-label="Register items" size="small" className={styles.table}>
          <TableHeader>
            <TableRow>
              {COLUMNS.map((column) => (
                <TableHeaderCell
                  key={column.key}
                  sortDirection={
                    sorting.sort === column.key ? (sorting.order === "asc" ? "ascending" : "descending") : undefined
                  }
                  onClick={() => sortBy(column.key)}
                >
                  {column.label}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(answer?.items ?? []).map((row) => (
              <TableRow key={row.id}>
                <TableCell>
                  <Button appearance="transparent" className={styles.ref} onClick={() => onOpen(row.id)}>
                    {row.item_ref}
                  </Button>
                </TableCell>
                <TableCell>{row.review_title}</TableCell>
                <TableCell>{row.directorate}</TableCell>
                <TableCell>{row.owner_name ?? row.owner_email ?? "No owner"}</TableCell>
                <TableCell>
                  <Target row={row} />
                </TableCell>
                <TableCell>
                  {statusLabel(row.status)}
                  <span className={styles.reason}>{row.reason}</span>
                  <span className={styles.badges}>
                    {row.at_risk ? (
                      <Badge appearance="outline" color="warning">
                        At risk
                      </Badge>
                    ) : null}
                    {row.waiting.includes("extension") ? (
                      <Badge appearance="outline" color="informative">
                        Extension requested
                      </Badge>
                    ) : null}
                    {row.waiting.includes("verification") ? (
                      <Badge appearance="outline" color="informative">
                        Awaiting verification
                      </Badge>
                    ) : null}
                    {row.confidential ? (
                      <Badge appearance="outline" color="danger">
                        Confidential
                      </Badge>
                    ) : null}
                  </span>
                </TableCell>
                <TableCell>{row.priority ?? "None"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {answer ? (
        <nav aria-label="Pages" className={styles.pager}>
          <Button disabledFocusable={answer.page <= 1} onClick={() => onPage(answer.page - 1)}>
            Previous page
          </Button>
          <span>
            Page {answer.page} of {Math.max(answer.pages, 1)}
          </span>
          <Button disabledFocusable={answer.page >= answer.pages} onClick={() => onPage(answer.page + 1)}>
            Next page
          </Button>
        </nav>
      ) : null}
    </section>
  );
}
