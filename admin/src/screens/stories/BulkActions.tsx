import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, type ApiClient, type BodyOf } from '../../api.js';
import type { Author, Post, Tag } from '../../types.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';

type Action = '' | 'unpublish' | 'delete' | 'addTags' | 'setAuthors';

const actions: { value: Action; label: string }[] = [
  { value: '', label: 'Choose an action' },
  { value: 'unpublish', label: 'Unpublish' },
  { value: 'delete', label: 'Delete' },
  { value: 'addTags', label: 'Add a section or tag' },
  { value: 'setAuthors', label: 'Change the author' },
];

const stories = (n: number) => (n === 1 ? '1 story' : `${n} stories`);

/**
 * What to do with the selected stories: one request (`POST /posts/bulk`), one transaction on the
 * server, after a confirmation that says what will happen (published ones come down first).
 */
export function BulkActions(props: {
  api: ApiClient;
  selected: Post[];
  tags: Tag[];
  authors: Author[];
  onDone: (message: string) => void;
  onClear: () => void;
}) {
  const { selected } = props;
  const [action, setAction] = useState<Action>('');
  const [targetId, setTargetId] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const published = selected.filter((p) => p.status === 'published').length;
  const needsTarget = action === 'addTags' || action === 'setAuthors';
  const targetName =
    action === 'addTags'
      ? props.tags.find((t) => t.id === targetId)?.name
      : props.authors.find((a) => a.id === targetId)?.name;

  const ask = () => {
    if (!action) return setProblem('Choose an action.');
    if (needsTarget && !targetId)
      return setProblem(
        action === 'addTags' ? 'Choose a section or tag.' : 'Choose the new author.',
      );
    setProblem(null);
    applying.reset();
    setIsOpen(true);
  };

  const applying = useMutation({
    mutationFn: async (chosen: Exclude<Action, ''>) => {
      const ids = selected.map((p) => p.id);
      const body: BodyOf<'post', '/posts/bulk'> =
        chosen === 'addTags'
          ? { action: chosen, ids, tagIds: [targetId] }
          : chosen === 'setAuthors'
            ? { action: chosen, ids, authorIds: [targetId] }
            : chosen === 'delete'
              ? { action: chosen, ids, unpublishFirst: published > 0 }
              : { action: chosen, ids };
      const answer = await props.api.post('/posts/bulk', { body });
      const done =
        chosen === 'delete'
          ? `Deleted ${stories(answer.deletedIds.length)}.`
          : `${chosen === 'unpublish' ? 'Unpublished' : 'Changed'} ${stories(answer.posts.length)}.`;
      const skipped = answer.skippedIds.length
        ? ` ${stories(answer.skippedIds.length)} needed no change.`
        : '';
      return done + skipped;
    },
    onSuccess: (message) => {
      setIsOpen(false);
      setAction('');
      setTargetId('');
      props.onDone(message);
    },
  });
  const isBusy = applying.isPending;
  const error = applying.error ? messageOf(applying.error) : undefined;
  const run = () => {
    if (action) applying.mutate(action);
  };

  const question =
    action === 'delete'
      ? `Delete ${stories(selected.length)}?${
          published > 0
            ? ` ${published === 1 ? '1 is' : `${published} are`} published: ${published === 1 ? 'it is' : 'they are'} taken off the site first.`
            : ''
        } This cannot be undone.`
      : action === 'unpublish'
        ? `Take ${stories(selected.length)} off the site? Scheduled ones lose their schedule.`
        : action === 'addTags'
          ? `Add “${targetName ?? ''}” to ${stories(selected.length)}?`
          : `Make ${targetName ?? ''} the author of ${stories(selected.length)}?`;

  return (
    <div className="bulk-bar" role="region" aria-label="Selected stories">
      <p className="bulk-count" role="status">
        {stories(selected.length)} selected
      </p>
      <div className="field">
        <label htmlFor="bulk-action">With the selected</label>
        <select
          id="bulk-action"
          value={action}
          aria-invalid={problem && !action ? true : undefined}
          onChange={(e) => {
            setAction(e.target.value as Action);
            setTargetId('');
          }}
        >
          {actions.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </select>
      </div>
      {needsTarget ? (
        <div className="field">
          <label htmlFor="bulk-target">{action === 'addTags' ? 'Section or tag' : 'Author'}</label>
          <select
            id="bulk-target"
            value={targetId}
            aria-invalid={problem && !targetId ? true : undefined}
            onChange={(e) => setTargetId(e.target.value)}
          >
            <option value="">Choose…</option>
            {(action === 'addTags' ? props.tags : props.authors).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="actions">
        <button type="button" onClick={ask}>
          Apply
        </button>
        <button type="button" className="secondary" onClick={props.onClear}>
          Clear selection
        </button>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ConfirmDialog
        isOpen={isOpen}
        title={actions.find((a) => a.value === action)?.label ?? 'Confirm'}
        confirmText={
          action === 'delete'
            ? `Delete ${stories(selected.length)}`
            : action === 'unpublish'
              ? `Unpublish ${stories(selected.length)}`
              : 'Apply'
        }
        busyText="Working…"
        isBusy={isBusy}
        error={error}
        onConfirm={run}
        onCancel={() => setIsOpen(false)}
      >
        <p>{question}</p>
      </ConfirmDialog>
    </div>
  );
}
