import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { newsletterKeys, queryKeys } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Suppression } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { FormAlert } from '../../ui/FieldError.js';
import { SearchBox } from '../../ui/SearchBox.js';
import { ShowMore } from '../../ui/ShowMore.js';
import { ZoneNote } from '../../ui/newsroom-clock.js';
import { reloadPagedLists, usePagedList } from '../../ui/use-paged-list.js';
import { AddSuppressionForm } from './AddSuppressionForm.js';
import { ImportSuppressions } from './ImportSuppressions.js';
import { SuppressionRow } from './SuppressionRow.js';
import './suppressions.css';

type Panel = 'add' | 'import' | null;

/**
 * The suppression list: the addresses no newsletter goes to, with why and since when, newest
 * first. Administrators stop mail to an address by hand, lift a suppression, or import a list.
 */
export function SuppressionsScreen({ api, navigate, search }: ScreenProps) {
  const queryClient = useQueryClient();
  // The search lives in the address (Back and links keep it).
  const q = new URLSearchParams(search).get('q') ?? '';
  const searchFor = (value: string) =>
    navigate(
      value
        ? `/admin/newsletters/suppressions?${new URLSearchParams({ q: value }).toString()}`
        : '/admin/newsletters/suppressions',
      { replace: true },
    );
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState('');
  const rowsRef = useRef<HTMLUListElement>(null);
  const list = usePagedList<Suppression>({
    queryKey: [...newsletterKeys.suppressions, q],
    fetchPage: async (cursor) => {
      const page = await api.get('/suppressions', {
        params: { query: { limit: 50, cursor: cursor ?? undefined, q: q || undefined } },
      });
      return { items: page.suppressions, next: page.meta.pagination.next };
    },
    rows: { container: rowsRef, selector: '.suppression-address' },
  });
  const reload = () => void reloadPagedLists(queryClient, newsletterKeys.suppressions);
  const closePanel = (focusId: string) => {
    setPanel(null);
    requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };
  const toggle = (which: Exclude<Panel, null>) => {
    setNotice('');
    setPanel(panel === which ? null : which);
  };

  const lift = async (suppression: Suppression) => {
    await api.post('/suppressions/remove', { body: { address: suppression.address } });
    list.setItems((items) => items.filter((s) => s.address !== suppression.address));
    // A member's page shows their suppression.
    void queryClient.invalidateQueries({ queryKey: queryKeys.members });
    setNotice(`Mail can go to ${suppression.address} again.`);
    requestAnimationFrame(() => document.getElementById('suppressions-heading')?.focus());
  };

  return (
    <section aria-labelledby="suppressions-heading">
      <p className="back-link">
        <AppLink to="/admin/newsletters" navigate={navigate}>
          Newsletters
        </AppLink>
      </p>
      <div className="screen-head">
        <h1 id="suppressions-heading" tabIndex={-1}>
          Suppressed addresses
        </h1>
        <div className="actions">
          <button
            id="suppressions-add"
            type="button"
            aria-expanded={panel === 'add'}
            onClick={() => toggle('add')}
          >
            Stop mail to an address
          </button>
          <button
            id="suppressions-import"
            type="button"
            className="secondary"
            aria-expanded={panel === 'import'}
            onClick={() => toggle('import')}
          >
            Import CSV
          </button>
        </div>
      </div>
      <p className="lede">
        No newsletter goes to these addresses: they bounced hard, their owner marked an email as
        spam, or staff added or imported them. Newest first.
      </p>
      <ZoneNote />
      {panel === 'add' ? (
        <AddSuppressionForm
          api={api}
          onAdded={(address, isNew) => {
            setNotice(
              isNew
                ? `No more mail goes to ${address}.`
                : `${address} was already on the list; its first reason stands.`,
            );
            reload();
            closePanel('suppressions-add');
          }}
          onCancel={() => closePanel('suppressions-add')}
        />
      ) : null}
      {panel === 'import' ? (
        <ImportSuppressions
          api={api}
          onImported={reload}
          onCancel={() => closePanel('suppressions-import')}
        />
      ) : null}
      <SearchBox
        id="suppressions-q"
        label="Find an address"
        hint="Any part of an address, or a domain such as @example.org."
        q={q}
        maxLength={320}
        onSearch={searchFor}
      />
      <FormAlert messages={list.error ? [`The list could not be loaded: ${list.error}`] : []} />
      <p role="status" className="suppressions-notice">
        {notice}
      </p>
      <p className="visually-hidden" role="status">
        {list.isLoading ? 'Loading…' : `${list.items.length} addresses shown`}
      </p>
      {!list.isLoading && list.items.length === 0 && !list.error ? (
        <p className="empty">
          {q
            ? `No suppressed address contains “${q}”: mail goes to it.`
            : 'No address is suppressed: every subscriber can be mailed.'}
        </p>
      ) : null}
      <ul className="editable-list suppression-list" ref={rowsRef} aria-busy={list.isLoading}>
        {list.items.map((suppression) => (
          <SuppressionRow
            key={suppression.address}
            suppression={suppression}
            onLift={() => lift(suppression)}
          />
        ))}
      </ul>
      <ShowMore list={list} />
    </section>
  );
}
