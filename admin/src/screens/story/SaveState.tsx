import type { SaveStatus } from './autosave-machine.js';
import { formatDateTime } from '../../ui/format.js';

const time = (iso: string | null, timeZone: string) =>
  iso ? new Date(iso).toLocaleTimeString(undefined, { timeStyle: 'short', timeZone }) : '';

/** "Saved at 15:42", "Saving…", "Unsaved changes": announced politely as it changes. */
export function SaveState(props: {
  status: SaveStatus;
  savedAt: string | null;
  timeZone: string;
  error: string | null;
  /** A published story saves only on Update: say that its edits are not live yet. */
  isLive?: boolean;
}) {
  const { status, savedAt, timeZone } = props;
  const text =
    status === 'new'
      ? 'Not saved yet: write a headline to start saving'
      : status === 'saving'
        ? 'Saving…'
        : status === 'unsaved'
          ? props.isLive
            ? 'Changes not live yet: choose Update to publish them'
            : 'Unsaved changes'
          : status === 'saved'
            ? `Saved at ${time(savedAt, timeZone)}`
            : status === 'conflict'
              ? 'Not saved: someone else saved this story meanwhile'
              : `Not saved: ${props.error ?? 'the server refused the change'}`;
  return (
    <p
      className={`save-state save-${status}`}
      role="status"
      title={savedAt ? `Last saved ${formatDateTime(savedAt, timeZone)}` : undefined}
    >
      {text}
    </p>
  );
}
