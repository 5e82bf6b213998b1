/**
 * The forms for an item's actions: Update, Request extension, Approve/Decline an extension, Verify/Return
 * a completion. Each posts to the contract's route with the item's version; a 400's messages are shown by
 * their fields (linked to them for screen readers), a 409 says the item changed since it was opened and
 * offers to reload it, and anything else is said above the form.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Textarea,
  makeStyles,
} from "@fluentui/react-components";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { postJson, type ActionAnswer, type ItemDetail, type TokenSource } from "./api";
import { CONFIDENCE_LABELS, PROGRESS_LABELS } from "./labels";

export type ItemAction = "update" | "extend" | "approve" | "decline" | "verify" | "return";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "12px", marginTop: "8px" },
  buttons: { display: "flex", gap: "8px" },
  heading: { margin: 0, fontSize: "1rem" },
});

/** The longest text a form field takes; the server checks the same and says so by the field. */
const TEXT_LIMIT = 2000;
const URL_LIMIT = 2048;

interface ItemFormProps {
  action: ItemAction;
  item: ItemDetail;
  token: TokenSource;
  onSaved: (message: string) => void;
  onCancel: () => void;
  onReload: () => void;
}

interface Submission {
  heading: string;
  submit: string;
  path: string;
  body(values: Record<string, string>): unknown;
}

/**
 * `submissionId` is made once per opened form: a save sent twice (a double press, a retry after a timeout)
 * is the same submission, which the server records once.
 */
function submissionFor(action: ItemAction, item: ItemDetail, submissionId: string): Submission {
  const extensionId = item.pending_extension?.id ?? 0;
  switch (action) {
    case "update":
      return {
        heading: "Update",
        submit: "Save update",
        path: `/api/items/${item.id}/update`,
        body: (v) => ({
          version: item.version,
          progress: v.progress,
          narrative: v.narrative || undefined,
          evidenceUrl: v.evidenceUrl || undefined,
          completedOn: v.completedOn || undefined,
          confidence: v.confidence || undefined,
          submissionId,
        }),
      };
    case "extend":
      return {
        heading: "Request extension",
        submit: "Send request",
        path: `/api/items/${item.id}/extension`,
        body: (v) => ({ version: item.version, requestedTarget: v.requestedTarget, reason: v.reason, submissionId }),
      };
    case "approve":
    case "decline":
      return {
        heading: action === "approve" ? "Approve the extension" : "Decline the extension",
        submit: action === "approve" ? "Approve the extension" : "Decline the extension",
        path: `/api/extensions/${extensionId}/decision`,
        body: (v) => ({ decision: action, comment: v.comment || undefined }),
      };
    case "verify":
    case "return":
      return {
        heading: action === "verify" ? "Verify the completion" : "Return the completion",
        submit: action === "verify" ? "Verify the completion" : "Return the completion",
        path: `/api/items/${item.id}/verification`,
        body: (v) => ({ version: item.version, decision: action, comment: v.comment || undefined }),
      };
  }
}

function initialValues(action: ItemAction, item: ItemDetail): Record<string, string> {
  if (action === "update")
    return {
      progress: item.progress,
      narrative: "",
      evidenceUrl: item.evidence_url ?? "",
      completedOn: "",
      confidence: "",
    };
  if (action === "extend") return { requestedTarget: "", reason: "" };
  return { comment: "" };
}

export function ItemForm({ action, item, token, onSaved, onCancel, onReload }: ItemFormProps) {
  const styles = useStyles();
  const [submissionId] = useState(() => crypto.randomUUID());
  const submission = submissionFor(action, item, submissionId);
  const [values, setValues] = useState(() => initialValues(action, item));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string; stale: boolean } | null>(null);
  const [sending, setSending] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // The button that opened the form is gone: the form's heading takes the focus, so keyboard users stay put.
  useEffect(() => heading.current?.focus(), []);

  const field = (name: string) => ({
    validationMessage: fields[name],
    validationState: fields[name] ? ("error" as const) : ("none" as const),
  });
  const bind = (name: string) => ({
    value: values[name] ?? "",
    onChange: (_e: unknown, data: { value: string }) => setValues((v) => ({ ...v, [name]: data.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    const answer = await postJson<ActionAnswer>(token, submission.path, submission.body(values));
    setSending(false);
    if (answer.ok) {
      onSaved(answer.data.message);
      return;
    }
    setFields(answer.fields);
    if (answer.status === 409) setProblem({ text: "This item has changed since you opened it.", stale: true });
    else if (Object.keys(answer.fields).length > 0)
      setProblem({ text: "Nothing was saved: please correct the fields marked below.", stale: false });
    else setProblem({ text: `Nothing was saved: ${answer.error}`, stale: false });
  };

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
      <h3 className={styles.heading} ref={heading} tabIndex={-1}>
        {submission.heading}
      </h3>
      {problem ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem.text}</MessageBarBody>
          {problem.stale ? (
            <MessageBarActions>
              <Button onClick={onReload}>Reload the item</Button>
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}
      {action === "update" ? (
        <>
          <Field label="Progress" required {...field("progress")}>
            <Select {...bind("progress")}>
              {Object.entries(PROGRESS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="What has been done" {...field("narrative")}>
            <Textarea maxLength={TEXT_LIMIT} resize="vertical" {...bind("narrative")} />
          </Field>
          <Field label="Evidence link" hint="A link to the evidence (https://...)" {...field("evidenceUrl")}>
            <Input type="url" maxLength={URL_LIMIT} {...bind("evidenceUrl")} />
          </Field>
          <Field label="Completed on" {...field("completedOn")}>
            <Input type="date" {...bind("completedOn")} />
          </Field>
          <Field label="Confidence of meeting the target" {...field("confidence")}>
            <Select {...bind("confidence")}>
              <option value="">Not given</option>
              {Object.entries(CONFIDENCE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
        </>
      ) : null}
      {action === "extend" ? (
        <>
          <Field label="New target date" required {...field("requestedTarget")}>
            <Input type="date" {...bind("requestedTarget")} />
          </Field>
          <Field label="Reason" required {...field("reason")}>
            <Textarea maxLength={TEXT_LIMIT} resize="vertical" {...bind("reason")} />
          </Field>
        </>
      ) : null}
      {action !== "update" && action !== "extend" ? (
        <Field label="Comment" {...field("comment")}>
          <Textarea maxLength={TEXT_LIMIT} resize="vertical" {...bind("comment")} />
        </Field>
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabledFocusable={sending}>
          {submission.submit}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
