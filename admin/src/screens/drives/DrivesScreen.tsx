import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../api.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Campaign, CampaignStats, MemberStats, SiteSettings } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { DriveForm } from './DriveForm.js';
import { DriveList, type DriveRow } from './DriveList.js';
import './drives.css';
import { ZoneNote } from '../../ui/newsroom-clock.js';

/** Which form is open: none, a new one, or the edit form of the one with this id. */
type Editing = { mode: 'closed' } | { mode: 'new' } | { mode: 'edit'; id: string };
const closed: Editing = { mode: 'closed' };

/** Membership drives: their state and progress; create and edit with a live banner preview. */
export function DrivesScreen({ api }: ScreenProps) {
  const [rows, setRows] = useState<DriveRow[] | null>(null);
  const [editing, setEditing] = useState<Editing>(closed);
  const [settings, setSettings] = useState<SiteSettings | null>(null);
  const [memberStats, setMemberStats] = useState<MemberStats | null>(null);
  const [isPaidEnabled, setIsPaidEnabled] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');

  const setStatsOf = (id: string, stats: CampaignStats | null) =>
    setRows((current) => current?.map((r) => (r.drive.id === id ? { ...r, stats } : r)) ?? null);

  const load = useCallback(
    async (signal: { cancelled: boolean }) => {
      try {
        const { campaigns } = await api.get('/campaigns');
        if (signal.cancelled) return;
        setRows(campaigns.map((drive) => ({ drive, stats: undefined })));
        // Each drive's stats on its own, so one slow or failing drive does not hold the list.
        for (const drive of campaigns)
          api.get('/campaigns/{id}/stats', { params: { path: { id: drive.id } } }).then(
            (stats) => !signal.cancelled && setStatsOf(drive.id, stats),
            () => !signal.cancelled && setStatsOf(drive.id, null),
          );
      } catch (caught) {
        if (!signal.cancelled) setError(messageOf(caught));
      }
    },
    [api],
  );

  useEffect(() => {
    const signal = { cancelled: false };
    void load(signal);
    // The preview needs the site's locale and accent, and today's member counts.
    api.get('/settings').then(
      (a) => !signal.cancelled && setSettings(a.settings),
      (caught: unknown) => !signal.cancelled && setError(messageOf(caught)),
    );
    // Buttons to gift or billing pages lead nowhere without payments: the form says so.
    api.get('/settings/services').then(
      (a) => !signal.cancelled && setIsPaidEnabled(a.services.payments.isConfigured),
      () => undefined,
    );
    api.get('/members/stats').then(
      (a) => !signal.cancelled && setMemberStats(a),
      () => undefined,
    );
    return () => {
      signal.cancelled = true;
    };
  }, [api, load]);

  const open = (next: Editing) => {
    setEditing(next);
    setNotice('');
    requestAnimationFrame(() => document.getElementById('drive-name')?.focus());
  };
  const close = () => {
    setEditing(closed);
    requestAnimationFrame(() => document.getElementById('drives-new')?.focus());
  };
  const saved = (drive: Campaign) => {
    setNotice(`Saved ${drive.name}. The site shows the change now.`);
    close();
    void load({ cancelled: false });
  };

  const editingRow =
    editing.mode === 'edit' ? rows?.find((r) => r.drive.id === editing.id) : undefined;
  const formProps = {
    api,
    memberStats,
    locale: settings?.locale ?? 'en-US',
    timeZone: settings?.timezone ?? 'UTC',
    isPaidEnabled,
    accentColor: settings?.accentColor ?? '#b3261e',
    onSaved: saved,
    onCancel: close,
  };

  return (
    <section aria-labelledby="drives-heading">
      <div className="screen-head">
        <h1 id="drives-heading" tabIndex={-1}>
          Membership drives
        </h1>
        <button
          id="drives-new"
          type="button"
          aria-expanded={editing.mode === 'new'}
          onClick={() => (editing.mode === 'new' ? close() : open({ mode: 'new' }))}
        >
          New drive
        </button>
      </div>
      <ZoneNote />
      <p className="lede">
        A drive puts a public goal with a live counter on the site while it runs. When several run
        at once, the site shows the one that started last.
      </p>
      <FormAlert messages={error ? [error] : []} />
      <p role="status" className="drives-notice">
        {notice}
      </p>
      {editing.mode === 'new' ? <DriveForm {...formProps} saved={null} /> : null}
      {editingRow ? (
        <DriveForm
          key={editingRow.drive.id}
          {...formProps}
          saved={{ drive: editingRow.drive, value: editingRow.stats?.value }}
        />
      ) : null}
      {rows === null && !error ? <p role="status">Loading drives…</p> : null}
      {rows?.length === 0 ? <p className="empty">No drives yet.</p> : null}
      {rows && rows.length > 0 && editing.mode === 'closed' ? (
        <DriveList rows={rows} onEdit={(drive) => open({ mode: 'edit', id: drive.id })} />
      ) : null}
    </section>
  );
}
