import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type Ref } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { MemberImportReport } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formatNumber } from '../../ui/format.js';
import { formErrorsOf } from '../../ui/form-errors.js';

type ImportMode = MemberImportReport['mode'];

/** The three things an import can do with the rows, each explained in one line. */
const modes: { mode: ImportMode; label: string; hint: string }[] = [
  {
    mode: 'create',
    label: 'Add new members',
    hint: 'emails that are already members are left unchanged',
  },
  {
    mode: 'update',
    label: 'Update existing members',
    hint: 'changes name, note, newsletter and labels from the file’s columns; unknown emails are skipped',
  },
  {
    mode: 'upsert',
    label: 'Add and update',
    hint: 'adds new emails and updates the members who already exist',
  },
];

/**
 * CSV import in two steps: the server checks the whole file first and imports nothing when a
 * row is bad; the report lists each bad row, and the valid rows can then be imported on their
 * own (the same file again with skipInvalid=true). The mode says whether rows add members,
 * update existing ones, or both; paid status and Stripe details never change through an import.
 */
export function ImportMembers(props: {
  api: ApiClient;
  onImported: () => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('create');
  const [fileError, setFileError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [report, setReport] = useState<MemberImportReport | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  const upload = useMutation({
    mutationFn: ({ chosen, skipInvalid }: { chosen: File; skipInvalid: boolean }) => {
      const form = new FormData();
      form.append('file', chosen);
      return props.api.upload('/members/import', form, {
        params: { query: { mode, ...(skipInvalid ? { skipInvalid: 'true' as const } : {}) } },
      });
    },
    onMutate: () => {
      setFileError(undefined);
      setGeneral([]);
    },
    onSuccess: (answer) => {
      setReport(answer);
      if (answer.isImported) props.onImported();
      requestAnimationFrame(() => reportRef.current?.focus());
    },
    onError: (caught) => {
      const found = formErrorsOf(caught, ['file']);
      setFileError(found.fields.file);
      setGeneral(found.general.length || found.fields.file ? found.general : [messageOf(caught)]);
      fileRef.current?.focus();
    },
  });
  const busy = upload.isPending;

  const send = (skipInvalid: boolean) => {
    if (!file) {
      setFileError('Choose a CSV file to import.');
      fileRef.current?.focus();
      return;
    }
    upload.mutate({ chosen: file, skipInvalid });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReport(null);
    send(false);
  };

  return (
    <section className="tool-panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import members from CSV</h2>
      <p className="hint">
        Columns as Ghost exports them: email (required), name, note, subscribed_to_emails,
        complimentary_plan, labels. An update changes only the columns the file has; paid status,
        complimentary access and Stripe details are never changed by an import.
      </p>
      <form onSubmit={submit} noValidate aria-busy={busy}>
        <FormAlert messages={general} />
        <div className="field">
          <label htmlFor="import-file">CSV file</label>
          <input
            id="import-file"
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'import-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setFileError(undefined);
            }}
          />
          <FieldError id="import-file-error" message={fileError} />
        </div>
        <fieldset className="field import-mode">
          <legend>What to do with the rows</legend>
          {modes.map((m) => (
            <div className="radio" key={m.mode}>
              <input
                type="radio"
                id={`import-mode-${m.mode}`}
                name="import-mode"
                value={m.mode}
                aria-describedby={`import-mode-${m.mode}-hint`}
                checked={mode === m.mode}
                onChange={() => {
                  setMode(m.mode);
                  setReport(null);
                }}
              />
              <label htmlFor={`import-mode-${m.mode}`}>{m.label}</label>
              <span className="hint" id={`import-mode-${m.mode}-hint`}>
                {m.hint}
              </span>
            </div>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Check and import'}
          </button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            Close
          </button>
        </div>
      </form>
      {report ? (
        <ImportReport
          report={report}
          reportRef={reportRef}
          busy={busy}
          onImportValid={() => send(true)}
        />
      ) : null}
    </section>
  );
}

function ImportReport({
  report: r,
  reportRef,
  busy,
  onImportValid,
}: {
  report: MemberImportReport;
  reportRef: Ref<HTMLDivElement>;
  busy: boolean;
  onImportValid: () => void;
}) {
  /** "1 row", "12 rows". */
  const n = (count: number, one: string, many: string) =>
    `${formatNumber(count)} ${count === 1 ? one : many}`;
  return (
    <div
      className={r.isImported ? 'success import-report' : 'form-alert import-report'}
      tabIndex={-1}
      ref={reportRef}
    >
      {r.isImported ? (
        <p role="status">{doneSummary(r, n)}</p>
      ) : (
        <p role="status">
          Nothing was imported: {formatNumber(r.invalid)} of {n(r.total, 'row', 'rows')}{' '}
          {r.invalid === 1 ? 'has a problem' : 'have problems'}. Fix the file and import it again,
          or import the {n(r.valid, 'valid row', 'valid rows')} only.
        </p>
      )}
      {r.isImported ? (
        <dl className="import-counts">
          <dt>Created</dt>
          <dd>{formatNumber(r.imported)}</dd>
          <dt>Updated</dt>
          <dd>{formatNumber(r.updated)}</dd>
          <dt>Unchanged</dt>
          <dd>{formatNumber(r.unchanged)}</dd>
          <dt>Skipped</dt>
          <dd>{formatNumber(r.skipped.length)}</dd>
          <dt>With problems</dt>
          <dd>{formatNumber(r.invalid)}</dd>
        </dl>
      ) : null}
      {r.problems.length > 0 ? (
        <table className="import-problems">
          <caption>Rows with problems</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {r.problems.map((p) => (
              <tr key={`${p.row}-${p.field}-${p.message}`}>
                <td>{p.row}</td>
                <td>{p.field}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.isImported && r.skipped.length > 0 ? (
        <table className="import-problems">
          <caption>Rows skipped</caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {r.skipped.slice(0, shownSkips).map((skip) => (
              <tr key={skip.row}>
                <td>{skip.row}</td>
                <td>{skip.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {r.isImported && r.skipped.length > shownSkips ? (
        <p className="hint">…and {n(r.skipped.length - shownSkips, 'more row', 'more rows')}.</p>
      ) : null}
      {!r.isImported && r.valid > 0 ? (
        <button type="button" disabled={busy} onClick={onImportValid}>
          Import the valid rows only
        </button>
      ) : null}
    </div>
  );
}

/** Skipped rows listed on screen; the counts above cover them all. */
const shownSkips = 200;

/** One sentence on what the import did, by mode. */
function doneSummary(
  r: MemberImportReport,
  n: (count: number, one: string, many: string) => string,
): string {
  const parts = [
    ...(r.mode !== 'update' ? [`imported ${n(r.imported, 'new member', 'new members')}`] : []),
    ...(r.mode !== 'create' ? [`updated ${n(r.updated, 'member', 'members')}`] : []),
  ];
  const notes = [
    ...(r.unchanged > 0
      ? [`${n(r.unchanged, 'member was', 'members were')} already as the file says`]
      : []),
    ...(r.skipped.length > 0 ? [`${n(r.skipped.length, 'row', 'rows')} skipped`] : []),
    ...(r.invalid > 0 ? [`${n(r.invalid, 'row', 'rows')} with problems left out`] : []),
  ];
  const done = parts.join(' and ');
  return `${done.charAt(0).toUpperCase()}${done.slice(1)} from ${n(r.total, 'row', 'rows')}${
    notes.length > 0 ? `; ${notes.join('; ')}` : ''
  }.`;
}
