// One update in the live page's list: its time and text, the Pin and Key event toggles, Edit
// (sent with the version read; a 409 asks to reload) and Delete.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { LiveUpdateView } from '@shared/contracts/live.js';
import { renderText, type Doc } from '@shared/richtext/index.js';
import { ApiError, messageOf, type ApiClient } from '../../api.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { formatDateTime } from '../../ui/format.js';
import { briefDocument } from '../news-feed/brief-document.js';
import { liveKeys } from './live-queries.js';

const staleMessage = 'Someone changed this update — reload';

/** The update's text, one line per paragraph, as the composer took it. */
const textOf = (body: unknown): string =>
  body && typeof body === 'object' ? renderText(body as Doc).replace(/\n\n/g, '\n') : '';

/** The update's first photo, if it has one. */
function imageOf(body: unknown): { src: string; alt: string } | null {
  const blocks = (body as Doc | null)?.content ?? [];
  const figure = blocks.find((b) => b.type === 'figure');
  return figure && figure.type === 'figure'
    ? { src: figure.attrs.src, alt: figure.attrs.alt }
    : null;
}

export function LiveUpdateItem(props: {
  api: ApiClient;
  update: LiveUpdateView;
  timeZone: string;
}) {
  const { api, update, timeZone } = props;
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  // The boxes show what was asked at once (the item remounts on each new version it is given).
  const [flags, setFlags] = useState({ pinned: update.pinned, keyEvent: update.keyEvent });
  const toggle = (patch: { pinned: boolean } | { keyEvent: boolean }) => {
    setFlags({ ...flags, ...patch });
    change.mutate(patch, {
      onError: () => setFlags({ pinned: update.pinned, keyEvent: update.keyEvent }),
    });
  };
  const reload = () => queryClient.invalidateQueries({ queryKey: liveKeys.updates(update.postId) });
  const path = { params: { path: { id: update.postId, updateId: update.id } } };

  const change = useMutation({
    mutationFn: (patch: { body?: unknown; pinned?: boolean; keyEvent?: boolean }) =>
      api.patch('/posts/{id}/updates/{updateId}', {
        ...path,
        body: { version: update.version, ...patch },
      }),
    // Settled once the list shows the change, so the boxes never flick back meanwhile.
    onSuccess: () => {
      setEditing(null);
      return reload();
    },
  });
  const stale = change.error instanceof ApiError && change.error.is('CONFLICT');
  const image = imageOf(update.body);

  if (update.deletedAt) {
    return (
      <li className="live-update removed">
        <p>
          An update was removed at {formatDateTime(update.deletedAt, timeZone)}
          {update.deletedNote ? `: ${update.deletedNote}` : ''}
        </p>
      </li>
    );
  }
  return (
    <li
      className={`live-update${update.pinned ? ' pinned' : ''}${update.keyEvent ? ' key-event' : ''}`}
    >
      <p className="live-update-meta">
        <time dateTime={update.publishedAt}>{formatDateTime(update.publishedAt, timeZone)}</time>
        {update.pinned ? <span className="badge">Pinned</span> : null}
        {update.keyEvent ? <span className="badge">Key event</span> : null}
        {update.editedAt ? <span className="hint"> · edited</span> : null}
      </p>
      {editing === null ? (
        <div className="live-update-text">
          {textOf(update.body)
            .split('\n')
            .map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          {image ? <img src={image.src} alt={image.alt} className="live-update-image" /> : null}
        </div>
      ) : (
        <div className="field">
          <label htmlFor={`live-edit-${update.id}`}>Edit the update</label>
          <textarea
            id={`live-edit-${update.id}`}
            rows={4}
            value={editing}
            onChange={(e) => setEditing(e.target.value)}
          />
        </div>
      )}
      {change.error ? (
        <div className="field-error" role="alert">
          {stale ? (
            <>
              {staleMessage}{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  change.reset();
                  setEditing(null);
                  void reload();
                }}
              >
                Reload
              </button>
            </>
          ) : (
            messageOf(change.error)
          )}
        </div>
      ) : null}
      <div className="actions">
        {editing === null ? (
          <>
            <label>
              <input
                type="checkbox"
                checked={flags.pinned}
                disabled={change.isPending}
                onChange={(e) => toggle({ pinned: e.target.checked })}
              />{' '}
              Pinned
            </label>
            <label>
              <input
                type="checkbox"
                checked={flags.keyEvent}
                disabled={change.isPending}
                onChange={(e) => toggle({ keyEvent: e.target.checked })}
              />{' '}
              Key event
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => setEditing(textOf(update.body))}
            >
              Edit
            </button>
            <ConfirmAction
              label="Delete"
              question="Delete this update? Readers will see that an update was removed."
              confirmLabel="Delete update"
              onConfirm={async () => {
                await api.del('/posts/{id}/updates/{updateId}', path);
                await reload();
              }}
            />
          </>
        ) : (
          <>
            <button
              type="button"
              disabled={change.isPending || !editing.trim()}
              onClick={() => {
                const kept = imageOf(update.body);
                const figure = (update.body as Doc).content.find((b) => b.type === 'figure');
                change.mutate({
                  body: briefDocument(
                    editing,
                    undefined,
                    kept && figure?.type === 'figure' ? figure.attrs : undefined,
                  ),
                });
              }}
            >
              Save
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                change.reset();
                setEditing(null);
              }}
            >
              Cancel
            </button>
          </>
        )}
      </div>
    </li>
  );
}
