import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type Ref } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { SuppressionImportReport } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formatNumber } from '../../ui/format.js';
import { formErrorsOf } from '../../ui/form-errors.js';

/** Bad rows listed on screen; the count above covers them all. */
const shownProblems = 200;

/** "1 address", "12 addresses". */
const addresses = (count: number) =>
  `${formatNumber(count)} ${count === 1 ? 'address' : 'addresses'}`;

/**
 * A suppression list from another system, as CSV. The server checks the whole file first and
 * writes nothing when a row is bad; the report lists each bad row by its line in the file.
 */
export function ImportSuppressions(props: {
  api: ApiClient;
  onImported: () => void;
  onCancel: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const [report, setReport] = useState<SuppressionImportReport | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const reportRef = useRef<HTMLDivElement>(null);

  const upload = useMutation({
    mutationFn: (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen);
      return props.api.upload('/suppressions/import', form);
    },
    onMutate: () => {
      setFileError(undefined);
      setGeneral([]);
      setReport(null);
    },
    onSuccess: (answer) => {
      setReport(answer);
      if (answer.problems.length === 0) props.onImported();
      requestAnimationFrame(() => reportRef.current?.focus());
    },
    onError: (caught) => {
      const found = formErrorsOf(caught, ['file']);
      setFileError(found.fields.file);
      setGeneral(found.general.length || found.fields.file ? found.general : [messageOf(caught)]);
      fileRef.current?.focus();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a CSV file to import.');
      fileRef.current?.focus();
      return;
    }
    upload.mutate(file);
  };

  return (
    <section className="tool-panel" aria-labelledby="import-suppressions-heading">
      <h2 id="import-suppressions-heading">Import a suppression list</h2>
      <p className="hint" id="import-suppressions-hint">
        A CSV file with an email column (or address), and optionally reason (hard_bounce, complaint,
        manual; empty means imported) and detail. Addresses already on the list keep their first
        reason. Members&rsquo; subscriptions are not changed.
      </p>
      <form onSubmit={submit} noValidate aria-busy={upload.isPending}>
        <FormAlert messages={general} />
        <div className="field">
          <label htmlFor="import-suppressions-file">CSV file</label>
          <input
            id="import-suppressions-file"
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={
              fileError
                ? 'import-suppressions-hint import-suppressions-file-error'
                : 'import-suppressions-hint'
            }
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
              setFileError(undefined);
            }}
          />
          <FieldError id="import-suppressions-file-error" message={fileError} />
        </div>
        <div className="actions">
          <button type="submit" disabled={upload.isPending}>
            {upload.isPending ? 'Checking…' : 'Check and import'}
          </button>
          <button type="button" className="secondary" onClick={props.onCancel}>
            Close
          </button>
        </div>
      </form>
      {report ? <ImportReport report={report} reportRef={reportRef} /> : null}
    </section>
  );
}

function ImportReport({
  report: r,
  reportRef,
}: {
  report: SuppressionImportReport;
  reportRef: Ref<HTMLDivElement>;
}) {
  const isImported = r.problems.length === 0;
  return (
    <div
      className={isImported ? 'success import-report' : 'form-alert import-report'}
      tabIndex={-1}
      ref={reportRef}
    >
      <p role="status">
        {isImported
          ? `Imported: ${addresses(r.imported)} will get no more mail.`
          : `Nothing was imported: ${formatNumber(r.problems.length)} ${
              r.problems.length === 1 ? 'row has a problem' : 'rows have problems'
            }. Fix the file and import it again.`}
      </p>
      {isImported ? (
        <dl className="import-counts">
          <dt>Added</dt>
          <dd>{formatNumber(r.imported)}</dd>
          <dt>Already on the list</dt>
          <dd>{formatNumber(r.alreadySuppressed)}</dd>
          <dt>Repeated in the file</dt>
          <dd>{formatNumber(r.duplicates)}</dd>
        </dl>
      ) : (
        <table className="import-problems">
          <caption>Rows with problems</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {r.problems.slice(0, shownProblems).map((p) => (
              <tr key={`${p.line}-${p.field}-${p.message}`}>
                <td>{p.line}</td>
                <td>{p.field}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.problems.length > shownProblems ? (
        <p className="hint">
          …and {formatNumber(r.problems.length - shownProblems)} more rows with problems.
        </p>
      ) : null}
    </div>
  );
}
