/**
 * Downloads of what the viewer may see with the current filters: the register as CSV or as the
 * workbook, and the Word report of a chosen reporting point. Each is fetched with the sign-on token and
 * handed to the browser to save; the outcome is said in a status region.
 */
import { Button, Field, Select, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import { download, type Query, type ReportingPoint, type TokenSource } from "./api";

const useStyles = makeStyles({
  panel: { display: "flex", flexWrap: "wrap", gap: "8px 16px", alignItems: "end" },
  heading: { flexBasis: "100%", margin: 0, fontSize: "1.1rem" },
});

interface DownloadsPanelProps {
  token: TokenSource;
  query: Query;
  points: ReportingPoint[];
}

export function DownloadsPanel({ token, query, points }: DownloadsPanelProps) {
  const styles = useStyles();
  const [point, setPoint] = useState("");
  const [said, setSaid] = useState("");
  const chosenPoint = point || String(points[0]?.id ?? "");

  const fetchFile = async (path: string, extra: Query, fallback: string) => {
    setSaid(`Preparing ${fallback}…`);
    const answer = await download(token, path, { ...query, ...extra }, fallback);
    setSaid(answer.ok ? `Downloaded ${answer.data}.` : `The download failed: ${answer.error}`);
  };

  return (
    <section aria-label="Downloads" className={styles.panel}>
      <h2 className={styles.heading}>Downloads</h2>
      <Button onClick={() => void fetchFile("/api/export/register.csv", {}, "register.csv")}>Download CSV</Button>
      <Button onClick={() => void fetchFile("/api/export/register.xlsx", {}, "register.xlsx")}>
        Download workbook
      </Button>
      <Field label="Reporting point">
        <Select value={chosenPoint} onChange={(_e, data) => setPoint(data.value)} disabled={points.length === 0}>
          {points.length === 0 ? <option value="">No reporting points yet</option> : null}
          {points.map((p) => (
            <option key={p.id} value={String(p.id)}>
              {p.name} (cut-off {p.cutOff})
            </option>
          ))}
        </Select>
      </Field>
      <Button
        disabledFocusable={!chosenPoint}
        onClick={() => void fetchFile("/api/export/report.docx", { point: chosenPoint }, "report.docx")}
      >
        Download Word report
      </Button>
      <div role="status">{said}</div>
    </section>
  );
}
