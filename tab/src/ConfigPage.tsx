/**
 * The channel tab's configuration page: the team picks a directorate (or all), and Teams saves the tab
 * with the register's address for it in channel scope, so the tab never shows a confidential item.
 * Outside Teams it shows the address the tab would get.
 */
import { Field, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { getJson, type Directorate } from "./api";
import type { TabHost } from "./teams-host";

const useStyles = makeStyles({
  page: { padding: "16px 24px", display: "flex", flexDirection: "column", gap: "12px" },
  heading: { margin: 0, fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700 },
  address: { overflowWrap: "anywhere" },
});

/** The channel tab's page for a directorate code, or "all". */
export function channelTabUrl(origin: string, directorate: string): string {
  return `${origin}/tab/register?scope=channel&directorate=${encodeURIComponent(directorate)}`;
}

export function ConfigPage({ host }: { host: TabHost }) {
  const styles = useStyles();
  const [directorates, setDirectorates] = useState<Directorate[]>([]);
  const [chosen, setChosen] = useState("all");
  const [problem, setProblem] = useState<string | null>(null);
  const token = useCallback(() => host.token(), [host]);
  const contentUrl = channelTabUrl(window.location.origin, chosen);
  const name = chosen === "all" ? "All directorates" : (directorates.find((d) => d.id === chosen)?.name ?? chosen);

  useEffect(() => {
    void getJson<Directorate[]>(token, "/api/directorates").then((answer) => {
      if (answer.ok) setDirectorates(answer.data);
      else setProblem(`The directorates could not be loaded: ${answer.error}`);
    });
  }, [token]);

  useEffect(() => {
    host.offerChannelTab({
      contentUrl,
      entityId: `register-${chosen}`,
      suggestedDisplayName: chosen === "all" ? "Register" : `Register: ${chosen}`,
    });
  }, [host, contentUrl, chosen]);

  return (
    <main className={styles.page}>
      <h1 className={styles.heading}>Choose a directorate</h1>
      <p>
        The tab shows this directorate&apos;s register to the channel. Confidential items never appear in a channel.
      </p>
      {problem ? <p role="alert">{problem}</p> : null}
      <Field label="Directorate">
        <RadioGroup value={chosen} onChange={(_e, data) => setChosen(data.value)}>
          <Radio value="all" label="All directorates" />
          {directorates.map((d) => (
            <Radio key={d.id} value={d.id} label={`${d.id}: ${d.name}`} />
          ))}
        </RadioGroup>
      </Field>
      <p>
        The tab will show <strong>{name}</strong> at <span className={styles.address}>{contentUrl}</span>
      </p>
    </main>
  );
}
