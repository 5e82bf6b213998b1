/**
 * An item in a modal dialog: its details, milestones and history, and the actions the viewer may take on it
 * (the server's `can`). The browser's own modal <dialog> keeps the page behind inert, closes on Escape and
 * leaves nothing behind when it closes; the focus goes back to the ref that opened it. An action opens its form in place of the details; a save shows the server's
 * message and the item as it now stands, and the register behind is asked again.
 */
import { Button, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { getJson, type ItemAnswer, type TokenSource } from "./api";
import type { Scope } from "./filters";
import { ItemForm, type ItemAction } from "./ItemForms";
import { PROGRESS_LABELS, statusLabel } from "./labels";

const useStyles = makeStyles({
  surface: {
    maxWidth: "760px",
    width: "calc(100vw - 32px)",
    maxHeight: "calc(100vh - 48px)",
    overflowY: "auto",
    padding: "24px",
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusXLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow64,
    "::backdrop": { backgroundColor: "rgba(0, 0, 0, 0.4)" },
  },
  title: { margin: "0 0 8px", fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  footer: { display: "flex", justifyContent: "flex-end", marginTop: "16px" },
  section: { marginTop: "12px" },
  sectionHeading: { fontSize: tokens.fontSizeBase400, margin: "0 0 4px" },
  facts: { display: "grid", gridTemplateColumns: "max-content 1fr", gap: "2px 12px", margin: 0 },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
  list: { margin: 0, paddingLeft: "20px" },
  actions: { display: "flex", flexWrap: "wrap", gap: "8px", marginTop: "12px" },
});

interface ItemDialogProps {
  itemId: number;
  scope: Scope;
  token: TokenSource;
  onClose: () => void;
  onChanged: () => void;
}

function Fact({ term, value }: { term: string; value: string | null | undefined }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.value}>{value || "None"}</dd>
    </>
  );
}

export function ItemDialog({ itemId, scope, token, onClose, onChanged }: ItemDialogProps) {
  const styles = useStyles();
  const [answer, setAnswer] = useState<ItemAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [action, setAction] = useState<ItemAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const said = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  // Shown modal while mounted; on unmount closed, and the focus handed back to whatever opened it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    element?.showModal();
    const cancel = (event: Event) => {
      event.preventDefault();
      onClose();
    };
    element?.addEventListener("cancel", cancel);
    return () => {
      element?.removeEventListener("cancel", cancel);
      element?.close();
      opener?.focus();
    };
  }, [onClose]);
  /** Back from a form: the form is gone, so the focus goes to what was said (or the place it is said). */
  const backToItem = () => {
    setAction(null);
    setTimeout(() => said.current?.focus(), 0);
  };

  const load = useCallback(async () => {
    const loaded = await getJson<ItemAnswer>(token, `/api/items/${itemId}`, { scope });
    if (loaded.ok) {
      setAnswer(loaded.data);
      setProblem(null);
    } else setProblem(`The item could not be loaded: ${loaded.error}`);
  }, [token, itemId, scope]);
  useEffect(() => void load(), [load]);

  const item = answer?.item;
  const title = item ? `${item.item_ref}: ${item.review_title}` : "Loading the item";
  const saved = (message: string) => {
    backToItem();
    setDone(message);
    onChanged();
    void load();
  };
  const reload = () => {
    backToItem();
    void load();
  };
  const offer = (name: ItemAction, label: string, allowed: boolean) =>
    allowed ? (
      <Button
        onClick={() => {
          setDone(null);
          setAction(name);
        }}
      >
        {label}
      </Button>
    ) : null;

  return (
    <dialog ref={dialog} aria-labelledby={titleId} className={styles.surface}>
      <h2 id={titleId} className={styles.title}>
        {title}
      </h2>
      <div>
        <div role="status" ref={said} tabIndex={-1}>
          {done}
        </div>
        {problem ? (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        ) : null}
        {!item && !problem ? <Spinner size="small" label="Loading" /> : null}
        {item && action ? (
          <ItemForm action={action} item={item} token={token} onSaved={saved} onCancel={backToItem} onReload={reload} />
        ) : null}
        {item && !action ? (
          <>
            <div className={styles.actions}>
              {offer("update", "Update", item.can.update)}
              {offer("extend", "Request extension", item.can.extend)}
              {offer("approve", "Approve", item.can.approve && item.pending_extension !== null)}
              {offer("decline", "Decline", item.can.approve && item.pending_extension !== null)}
              {offer("verify", "Verify", item.can.verify)}
              {offer("return", "Return", item.can.verify)}
            </div>
            <section aria-labelledby="item-details" className={styles.section}>
              <h3 id="item-details" className={styles.sectionHeading}>
                Details
              </h3>
              <dl className={styles.facts}>
                <Fact term="Item" value={item.text} />
                <Fact term="Status" value={`${statusLabel(item.status)}: ${item.reason}`} />
                <Fact term="Progress" value={PROGRESS_LABELS[item.progress] ?? item.progress} />
                <Fact term="Directorate" value={item.directorate} />
                <Fact term="Responsible" value={item.responsible_unit} />
                <Fact term="Owner" value={item.owner_name ?? item.owner_email} />
                <Fact term="Original target" value={item.original_target ?? "TBC"} />
                <Fact term="Current target" value={item.effective_target ?? "TBC"} />
                <Fact term="Priority" value={item.priority} />
                <Fact term="Latest update" value={item.latest_update} />
                <Fact term="Completed on" value={item.completed_on} />
                <Fact term="Evidence" value={item.evidence_url} />
                <Fact term="Verification" value={verificationLabel(item.verification)} />
                {item.pending_extension ? (
                  <Fact
                    term="Extension requested"
                    value={`to ${item.pending_extension.requestedTarget} by ${item.pending_extension.requestedBy}: ${item.pending_extension.reason}`}
                  />
                ) : null}
              </dl>
            </section>
            <section aria-labelledby="item-milestones" className={styles.section}>
              <h3 id="item-milestones" className={styles.sectionHeading}>
                Milestones
              </h3>
              {answer.milestones.length === 0 ? (
                <p>No milestones.</p>
              ) : (
                <ul className={styles.list}>
                  {answer.milestones.map((milestone, index) => (
                    <li key={index}>
                      {milestone.label}: due {milestone.due}, {milestone.status}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="item-history" className={styles.section}>
              <h3 id="item-history" className={styles.sectionHeading}>
                History
              </h3>
              {answer.history.length === 0 ? (
                <p>No history yet.</p>
              ) : (
                <ol className={styles.list}>
                  {answer.history.map((entry, index) => (
                    <li key={index}>
                      <time dateTime={entry.at}>{new Date(entry.at).toLocaleString("en-GB")}</time>, {entry.actor}:{" "}
                      {entry.summary || entry.action}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          </>
        ) : null}
      </div>
      <div className={styles.footer}>
        <Button appearance="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}

/** The verification state in words: nothing is shown when no completion was claimed. */
function verificationLabel(state: string | null): string | null {
  if (state === "awaiting") return "Awaiting the improvement team's check";
  if (state === "returned") return "Returned by the improvement team";
  return null;
}
