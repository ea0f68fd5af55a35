import { useRef, useState, type FormEvent, type Ref } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { MemberImportReport } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formatNumber } from '../../ui/format.js';
import { formErrorsOf } from '../../ui/form-errors.js';

/**
 * CSV import in two steps: the server checks the whole file first and imports nothing when a
 * row is bad; the report lists each bad row, and the valid rows can then be imported on their
 * own (the same file again with skipInvalid=true).
 */
export function ImportMembers(props: {
  api: ApiClient;
  onImported: () => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [report, setReport] = useState<MemberImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  const send = async (skipInvalid: boolean) => {
    if (!file) {
      setFileError('Choose a CSV file to import.');
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    setFileError(undefined);
    setGeneral([]);
    try {
      const form = new FormData();
      form.append('file', file);
      const answer = await props.api.upload<MemberImportReport>(
        `/members/import${skipInvalid ? '?skipInvalid=true' : ''}`,
        form,
      );
      setReport(answer);
      if (answer.isImported) props.onImported();
      requestAnimationFrame(() => reportRef.current?.focus());
    } catch (caught) {
      const found = formErrorsOf(caught, ['file']);
      setFileError(found.fields.file);
      setGeneral(found.general.length || found.fields.file ? found.general : [messageOf(caught)]);
      fileRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReport(null);
    void send(false);
  };

  return (
    <section className="members-panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Import members from CSV</h2>
      <p className="hint">
        Columns as Ghost exports them: email (required), name, note, subscribed_to_emails,
        complimentary_plan, labels. Emails that are already members are left unchanged.
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
          onImportValid={() => void send(true)}
        />
      ) : null}
    </section>
  );
}

function ImportReport(props: {
  report: MemberImportReport;
  reportRef: Ref<HTMLDivElement>;
  busy: boolean;
  onImportValid: () => void;
}) {
  const r = props.report;
  /** "1 row", "12 rows". */
  const n = (count: number, one: string, many: string) =>
    `${formatNumber(count)} ${count === 1 ? one : many}`;
  return (
    <div
      className={r.isImported ? 'success import-report' : 'form-alert import-report'}
      tabIndex={-1}
      ref={props.reportRef}
    >
      {r.isImported ? (
        <p role="status">
          Imported {n(r.imported, 'new member', 'new members')} from {n(r.total, 'row', 'rows')}
          {r.existing > 0
            ? `; ${n(r.existing, 'was already a member', 'were already members')} and left unchanged`
            : ''}
          {r.invalid > 0 ? `; ${n(r.invalid, 'row', 'rows')} with problems skipped` : ''}.
        </p>
      ) : (
        <p role="status">
          Nothing was imported: {formatNumber(r.invalid)} of {n(r.total, 'row', 'rows')}{' '}
          {r.invalid === 1 ? 'has a problem' : 'have problems'}. Fix the file and import it again,
          or import the {n(r.valid, 'valid row', 'valid rows')} only.
        </p>
      )}
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
      {!r.isImported && r.valid > 0 ? (
        <button type="button" disabled={props.busy} onClick={props.onImportValid}>
          Import the valid rows only
        </button>
      ) : null}
    </div>
  );
}
