import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { revisionDiffQuery, revisionsQuery } from '../../query/queries.js';
import type { Post, RevisionSummary } from '../../types.js';
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
  // Each save lists the versions afresh; the list shown stays until the new one answers.
  const listed = useQuery({
    ...revisionsQuery(api, post.id, post.version),
    placeholderData: keepPreviousData,
  });
  const revisions = listed.data ?? null;
  const [open, setOpen] = useState<string | null>(null);
  const openIndex = (revisions ?? []).findIndex((r) => r.id === open);
  // The version before the open one: the diff is between the two (none for the first).
  const previous = openIndex >= 0 ? revisions?.[openIndex + 1] : undefined;
  const diffed = useQuery({
    ...revisionDiffQuery(api, post.id, previous?.id ?? '', open ?? ''),
    enabled: open !== null && previous !== undefined,
  });
  const diff = diffed.data ?? null;
  const restoring = useMutation({
    mutationFn: async (revision: RevisionSummary) => {
      await props.flush();
      const answer = await api.post('/posts/{id}/revisions/{revisionId}/restore', {
        params: { path: { id: post.id, revisionId: revision.id } },
      });
      return answer.post;
    },
    onSuccess: (restored) => props.onRestored(restored),
  });
  const problems = [listed.error, open !== null ? diffed.error : null, restoring.error]
    .filter((e) => e !== null)
    .map(messageOf);

  const show = (revision: RevisionSummary) => {
    restoring.reset();
    setOpen(open === revision.id ? null : revision.id);
  };

  return (
    <section className="panel" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Revision history</h2>
      <FormAlert messages={problems} />
      {revisions === null ? <p role="status">Loading revisions…</p> : null}
      <ol className="revisions" reversed>
        {(revisions ?? []).map((revision, index) => (
          <li key={revision.id}>
            <button
              type="button"
              className="link"
              aria-expanded={open === revision.id}
              onClick={() => show(revision)}
            >
              Version {revision.version}, {formatDateTime(revision.createdAt, props.timeZone)}
            </button>
            {open === revision.id ? (
              <div className="revision-detail">
                {index === (revisions?.length ?? 0) - 1 ? (
                  <p className="hint">The first saved version.</p>
                ) : diff === null ? (
                  diffed.error ? null : (
                    <p role="status">Loading changes…</p>
                  )
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
                    onClick={() => restoring.mutate(revision)}
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
