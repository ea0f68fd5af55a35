import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { roleMay } from '@shared/contracts/permissions.js';
import { messageOf } from '../../api.js';
import { newsletterKeys, newslettersQuery, settingsQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Newsletter } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { closedEditing, type Editing } from '../../ui/editing.js';
import { FormAlert } from '../../ui/FieldError.js';
import { NewsletterForm } from './NewsletterForm.js';
import { NewsletterRow } from './NewsletterRow.js';
import { NewsletterTestSend } from './NewsletterTestSend.js';
import './newsletters.css';

/** Active lists first, each group in the readers' order. */
const inOrder = (lists: readonly Newsletter[]) =>
  [...lists].sort(
    (a, b) =>
      Number(a.status === 'archived') - Number(b.status === 'archived') ||
      a.sortOrder - b.sortOrder ||
      a.name.localeCompare(b.name),
  );

/** The newsletters (lists): who gets them, how they look; administrators shape them. */
export function NewslettersScreen({ api, session, navigate }: ScreenProps) {
  const queryClient = useQueryClient();
  const loaded = useQuery({ ...newslettersQuery(api), select: inOrder });
  const settings = useQuery(settingsQuery(api));
  const newsletters = loaded.data ?? null;
  const canManage = roleMay(session.user.role, 'newsletters.manage');
  const canSendTest = roleMay(session.user.role, 'newsletters.send');
  // The list whose "Send a test" form is open (one at a time).
  const [testingId, setTestingId] = useState<string | null>(null);
  // A save changes the cached list in place (the publish panel's choice of lists shares it).
  const setNewsletters = (update: (current: Newsletter[]) => Newsletter[]) =>
    queryClient.setQueryData<Newsletter[]>(newsletterKeys.newsletters, (current) =>
      update(current ?? []),
    );
  const [editing, setEditing] = useState<Editing>(closedEditing);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? (loaded.error ? messageOf(loaded.error) : null);
  const [notice, setNotice] = useState('');

  const close = (focusId: string) => {
    setEditing(closedEditing);
    requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };
  const replace = (newsletter: Newsletter) =>
    setNewsletters((current) => [...current.filter((n) => n.id !== newsletter.id), newsletter]);

  const saved = (newsletter: Newsletter, isNew: boolean) => {
    replace(newsletter);
    setNotice(`${isNew ? 'Created' : 'Saved'} ${newsletter.name}.`);
    close('newsletters-new');
  };

  const setArchived = useMutation({
    mutationFn: ({ newsletter, isArchived }: { newsletter: Newsletter; isArchived: boolean }) =>
      api.patch('/newsletters/{id}', {
        params: { path: { id: newsletter.id } },
        body: { status: isArchived ? 'archived' : 'active' },
      }),
    onMutate: () => setError(null),
    onSuccess: (answer, { newsletter, isArchived }) => {
      replace(answer.newsletter);
      setNotice(
        `${newsletter.name} ${isArchived ? 'is archived: no one can subscribe to it or be sent it' : 'is active again'}.`,
      );
    },
    onError: (caught) => setError(messageOf(caught)),
  });
  const busyId = setArchived.isPending ? setArchived.variables.newsletter.id : null;
  const nextOrder = Math.max(0, ...(newsletters ?? []).map((n) => n.sortOrder + 1));

  const form = (newsletter: Newsletter | null) => (
    <NewsletterForm
      api={api}
      newsletter={newsletter}
      nextOrder={nextOrder}
      settings={settings.data}
      onSaved={saved}
      onCancel={() => close('newsletters-new')}
    />
  );

  return (
    <section aria-labelledby="newsletters-heading">
      <div className="screen-head">
        <h1 id="newsletters-heading" tabIndex={-1}>
          Newsletters
        </h1>
        {canManage ? (
          <button
            id="newsletters-new"
            type="button"
            aria-expanded={editing.mode === 'new'}
            onClick={() => setEditing(editing.mode === 'new' ? closedEditing : { mode: 'new' })}
          >
            New newsletter
          </button>
        ) : null}
      </div>
      <p className="lede">
        Members subscribe to each list on the site; a story can be sent to one when it is published.
      </p>
      {roleMay(session.user.role, 'members.manage') ? (
        <p>
          <AppLink to="/admin/newsletters/suppressions" navigate={navigate}>
            Suppressed addresses
          </AppLink>
          : the addresses no newsletter goes to (hard bounces, spam complaints, added by hand).
        </p>
      ) : null}
      <FormAlert messages={error ? [error] : []} />
      <p role="status" className="newsletters-notice">
        {notice}
      </p>
      {editing.mode === 'new' ? form(null) : null}
      {newsletters === null && !error ? <p role="status">Loading newsletters…</p> : null}
      {newsletters?.length === 0 ? <p className="empty">No newsletters yet.</p> : null}
      <ul className="editable-list newsletter-list">
        {(newsletters ?? []).map((newsletter) =>
          editing.mode === 'edit' && editing.id === newsletter.id ? (
            <li key={newsletter.id} className="editable-row newsletter-row">
              {form(newsletter)}
            </li>
          ) : (
            <NewsletterRow
              key={newsletter.id}
              newsletter={newsletter}
              canManage={canManage}
              canSendTest={canSendTest}
              testSend={
                testingId === newsletter.id && newsletter.status === 'active' ? (
                  <NewsletterTestSend
                    api={api}
                    newsletter={newsletter}
                    userEmail={session.user.email}
                    onClose={() => {
                      setTestingId(null);
                      requestAnimationFrame(() =>
                        document.getElementById(`newsletter-test-${newsletter.id}`)?.focus(),
                      );
                    }}
                  />
                ) : null
              }
              onToggleTest={() => setTestingId(testingId === newsletter.id ? null : newsletter.id)}
              busy={busyId === newsletter.id}
              onEdit={() => {
                setEditing({ mode: 'edit', id: newsletter.id });
                requestAnimationFrame(() => document.getElementById('newsletter-name')?.focus());
              }}
              onSetArchived={(isArchived) => setArchived.mutate({ newsletter, isArchived })}
            />
          ),
        )}
      </ul>
    </section>
  );
}
