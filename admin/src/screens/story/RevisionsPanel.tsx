import { useEffect, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { Post, RevisionDiff, RevisionSummary } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { formatDateTime } from '../../ui/format.js';

const fieldLabel = (field: string) =>
  ({ title: 'Headline', dek: 'Dek', body: 'Story', slug: 'Slug' })[field] ?? field;

const shortValue = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text && text.length > 200 ? `${text.slice(0, 199)}…` : (text ?? '');
};

/** Every saved version: what changed since the one before, and restoring an old one. */
export function RevisionsPanel(props: {
  api: ApiClient;
  post: Post;
  timeZone: string;
  /** Saves pending edits before a restore replaces them. */
  flush: () => Promise<Post | null>;
  onRestored: (post: Post) => void;
}) {
  const { api, post } = props;
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.get('/posts/{id}/revisions', { params: { path: { id: post.id } } }).then(
      (answer) => !cancelled && setRevisions(answer.revisions),
      (caught: unknown) => !cancelled && setProblem(messageOf(caught)),
    );
    return () => {
      cancelled = true;
    };
  }, [api, post.id, post.version]);

  const show = async (revision: RevisionSummary) => {
    setProblem(null);
    if (open === revision.id) return setOpen(null);
    setOpen(revision.id);
    setDiff(null);
    const list = revisions ?? [];
    const previous = list[list.indexOf(revision) + 1];
    if (!previous) return;
    try {
      setDiff(
        await api.get('/posts/{id}/revisions/diff', {
          params: { path: { id: post.id }, query: { from: previous.id, to: revision.id } },
        }),
      );
    } catch (caught) {
      setProblem(messageOf(caught));
    }
  };

  const restore = async (revision: RevisionSummary) => {
    setProblem(null);
    try {
      await props.flush();
      const answer = await api.post('/posts/{id}/revisions/{revisionId}/restore', {
        params: { path: { id: post.id, revisionId: revision.id } },
      });
      props.onRestored(answer.post);
    } catch (caught) {
      setProblem(messageOf(caught));
    }
  };

  return (
    <section className="panel" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Revision history</h2>
      <FormAlert messages={problem ? [problem] : []} />
      {revisions === null ? <p role="status">Loading revisions…</p> : null}
      <ol className="revisions" reversed>
        {(revisions ?? []).map((revision, index) => (
          <li key={revision.id}>
            <button
              type="button"
              className="link"
              aria-expanded={open === revision.id}
              onClick={() => void show(revision)}
            >
              Version {revision.version}, {formatDateTime(revision.createdAt, props.timeZone)}
            </button>
            {open === revision.id ? (
              <div className="revision-detail">
                {index === (revisions?.length ?? 0) - 1 ? (
                  <p className="hint">The first saved version.</p>
                ) : diff === null ? (
                  <p role="status">Loading changes…</p>
                ) : diff.changes.length === 0 ? (
                  <p className="hint">No text changes.</p>
                ) : (
                  diff.changes.map((change) => (
                    <div key={change.field} className="change">
                      <h3>{fieldLabel(change.field)}</h3>
                      {change.lines ? (
                        <ol className="diff">
                          {change.lines.map((line, i) => (
                            <li key={i} className={`diff-${line.op}`}>
                              <span className="visually-hidden">
                                {line.op === 'insert'
                                  ? 'Added: '
                                  : line.op === 'delete'
                                    ? 'Removed: '
                                    : ''}
                              </span>
                              {line.text || '\u00a0'}
                            </li>
                          ))}
                        </ol>
                      ) : (
                        <p>
                          <del>{shortValue(change.before)}</del> →{' '}
                          <ins>{shortValue(change.after)}</ins>
                        </p>
                      )}
                    </div>
                  ))
                )}
                {revision.version !== post.version ? (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void restore(revision)}
                  >
                    Restore version {revision.version}
                  </button>
                ) : (
                  <p className="hint">This is the current version.</p>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
