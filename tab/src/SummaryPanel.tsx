/**
 * The summary: items by status for each directorate, as stacked bars drawn in SVG (no chart library) and
 * as a table with the same figures beside it, so the numbers are there for anyone the chart does not
 * serve. The chart's bars carry an outline in the theme's text colour so they stand out in every theme.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Summary } from "./api";
import { STATUS_CODES, STATUS_COLOURS, statusLabel } from "./labels";

const useStyles = makeStyles({
  panel: { display: "flex", flexWrap: "wrap", gap: "24px", alignItems: "flex-start" },
  heading: { flexBasis: "100%", margin: 0, fontSize: "1.1rem" },
  chart: { maxWidth: "100%", height: "auto" },
  table: {
    borderCollapse: "collapse",
    "& th, & td": { padding: "2px 8px", textAlign: "right" },
    "& th[scope='row'], & thead th:first-child": { textAlign: "left" },
  },
  legend: { display: "flex", flexWrap: "wrap", gap: "8px 16px", listStyle: "none", padding: 0, margin: 0 },
  swatch: {
    display: "inline-block",
    width: "12px",
    height: "12px",
    marginRight: "4px",
    border: `1px solid ${tokens.colorNeutralForeground1}`,
  },
});

const BAR_HEIGHT = 22;
const LABEL_WIDTH = 70;
const BAR_WIDTH = 360;

/** `directorate`: the one the filters chose, whose row alone is shown; "all" shows every directorate. */
export function SummaryPanel({ summary, directorate }: { summary: Summary | null; directorate: string }) {
  const styles = useStyles();
  const rows = (summary?.byDirectorate ?? []).filter((row) => directorate === "all" || row.directorate === directorate);
  const largest = Math.max(1, ...rows.map((row) => row.total));
  const height = Math.max(1, rows.length) * (BAR_HEIGHT + 8) + 8;
  return (
    <section aria-label="Summary" className={styles.panel}>
      <h2 className={styles.heading}>Summary</h2>
      <div>
        <svg
          role="img"
          aria-label="Items by status and directorate"
          width={LABEL_WIDTH + BAR_WIDTH + 50}
          height={height}
          className={styles.chart}
        >
          {rows.map((row, index) => {
            const y = 8 + index * (BAR_HEIGHT + 8);
            let x = LABEL_WIDTH;
            return (
              <g key={row.directorate} aria-hidden="true">
                <text x={0} y={y + BAR_HEIGHT * 0.7} fill={tokens.colorNeutralForeground1} fontSize="13">
                  {row.directorate}
                </text>
                {STATUS_CODES.map((code) => {
                  const count = row.byStatus[code] ?? 0;
                  if (count === 0) return null;
                  const width = (count / largest) * BAR_WIDTH;
                  const bar = (
                    <rect
                      key={code}
                      x={x}
                      y={y}
                      width={width}
                      height={BAR_HEIGHT}
                      fill={STATUS_COLOURS[code]}
                      stroke={tokens.colorNeutralForeground1}
                      strokeWidth={1}
                    />
                  );
                  x += width;
                  return bar;
                })}
                <text x={x + 6} y={y + BAR_HEIGHT * 0.7} fill={tokens.colorNeutralForeground1} fontSize="13">
                  {row.total}
                </text>
              </g>
            );
          })}
        </svg>
        <ul className={styles.legend} aria-label="Chart colours">
          {STATUS_CODES.map((code) => (
            <li key={code}>
              <span className={styles.swatch} style={{ background: STATUS_COLOURS[code] }} aria-hidden="true" />
              {statusLabel(code)}
            </li>
          ))}
        </ul>
      </div>
      <table aria-label="Items by status and directorate (table)" className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Directorate</th>
            {STATUS_CODES.map((code) => (
              <th scope="col" key={code}>
                {statusLabel(code)}
              </th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.directorate}>
              <th scope="row">{row.directorate}</th>
              {STATUS_CODES.map((code) => (
                <td key={code}>{row.byStatus[code] ?? 0}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
        {summary ? (
          <tfoot>
            <tr>
              <th scope="row">All</th>
              {STATUS_CODES.map((code) => (
                <td key={code}>{summary.byStatus[code] ?? 0}</td>
              ))}
              <td>{summary.total}</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </section>
  );
}
