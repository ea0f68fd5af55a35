import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { roleMay, type StaffRoleName } from '@shared/contracts/permissions.js';
import { messageOf, type ApiClient, type BodyOf } from '../../api.js';
import {
  prePublishProblems,
  type PrePublishInput,
  type PrePublishProblem,
} from '@shared/pre-publish-check.js';
import { newsletterKeys, newslettersQuery } from '../../query/queries.js';
import type { Navigate } from '../../routes.js';
import type { Post } from '../../types.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { FormAlert } from '../../ui/FieldError.js';
import { formatDateTime } from '../../ui/format.js';
import { fromZonedInput, toOffsetIso, toZonedInput, zoneLabel } from '@shared/zoned-time.js';
import { statusLabel } from '../stories/StoriesList.js';
import { EmailOption, estimateText, noEmail, type EmailChoice } from './EmailOption.js';
import { EmailProgressBar, useStoryEmail } from './EmailProgressBar.js';
import { TestSend } from './TestSend.js';

/**
 * Status and the next steps the writer's role allows: contributors submit for review; authors
 * and editors publish now, schedule (in the newsroom's time zone) or take the story down.
 */
export function PublishPanel(props: {
  api: ApiClient;
  role: StaffRoleName;
  /** The signed-in person's address: where a test send goes by default. */
  userEmail: string;
  post: Post | null;
  timeZone: string;
  /** Saves pending edits first; null when the story cannot be saved yet. */
  flush: () => Promise<Post | null>;
  /** Edits waiting for a save (a published story saves only on Update). */
  hasUnsavedChanges: boolean;
  /** The story as edited now, for the pre-publish check. */
  checkInput: () => PrePublishInput;
  onChanged: (post: Post) => void;
  navigate: Navigate;
}) {
  const { api, post, timeZone } = props;
  const queryClient = useQueryClient();
  const [when, setWhen] = useState(() =>
    toZonedInput(
      post?.scheduledAt ? new Date(post.scheduledAt) : new Date(Date.now() + 3_600_000),
      timeZone,
    ),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const mayPublish = roleMay(props.role, 'posts.publish.own');
  const mayReadEmails = roleMay(props.role, 'newsletters.read');
  const mayEmail = roleMay(props.role, 'newsletters.send');
  const newsletters = useQuery({ ...newslettersQuery(api), enabled: mayReadEmails });
  const storyEmail = useStoryEmail(
    api,
    post && mayReadEmails ? post.id : null,
    post?.status === 'published',
  );
  /** The story's email once there is one: then it is shown instead of the choice. */
  const email = storyEmail.data ?? null;
  const [emailChoice, setEmailChoice] = useState<EmailChoice>(noEmail);
  const activeLists = (newsletters.data ?? []).filter((n) => n.status === 'active');
  const chosenList = activeLists.find((n) => n.id === emailChoice.newsletterId) ?? activeLists[0];
  /** What publishing or scheduling also asks for: an email, when chosen and allowed. */
  const emailRequest =
    mayEmail && emailChoice.isOn && chosenList && !email
      ? { newsletterId: chosenList.id, segment: emailChoice.segment }
      : undefined;
  /** The time a schedule with an email waits to be confirmed for; null when not asking. */
  const [scheduleAt, setScheduleAt] = useState<string | null>(null);
  /** The pre-publish check's findings while the confirmation is open; null when closed. */
  const [checked, setChecked] = useState<PrePublishProblem[] | null>(null);
  const askToPublish = () =>
    setChecked(
      prePublishProblems(props.checkInput(), {
        now: new Date(),
        formatTime: (iso) => formatDateTime(iso, timeZone),
      }),
    );

  type Step =
    'submit' | 'publish' | 'unpublish' | { schedule: BodyOf<'post', '/posts/{id}/schedule'> };
  /** A workflow step on the saved story (saved first); scheduling takes its time. */
  const stepping = useMutation({
    mutationFn: async (step: Step) => {
      const saved = await props.flush();
      if (!saved) return null;
      const params = { path: { id: saved.id } };
      const answer =
        typeof step === 'object'
          ? await api.post('/posts/{id}/schedule', { params, body: step.schedule })
          : step === 'publish' && emailRequest
            ? await api.post('/posts/{id}/publish', { params, body: { email: emailRequest } })
            : await api.post(`/posts/{id}/${step}`, { params });
      return answer.post;
    },
    onMutate: () => setProblem(null),
    onSuccess: (changed) => {
      if (changed) {
        props.onChanged(changed);
        // The email (if one was asked for) now exists: show it, and follow it while it sends.
        void queryClient.invalidateQueries({ queryKey: newsletterKeys.postEmail(changed.id) });
        setEmailChoice(noEmail);
      } else setProblem('Save the story first: it needs a headline, and any problems above fixed.');
    },
    onError: (caught) => setProblem(messageOf(caught)),
  });
  /** Saves a published story's edits (the editor keeps the saved post and baseline itself). */
  const updating = useMutation({ mutationFn: () => props.flush() });
  const busy = stepping.isPending || updating.isPending;
  const act = (step: Step) => stepping.mutate(step);

  const schedule = () => {
    const at = fromZonedInput(when, timeZone);
    if (!at) return setProblem('Choose a date and time to publish at.');
    if (at.getTime() <= Date.now())
      return setProblem('That time has passed: choose a later one, or publish now.');
    const iso = toOffsetIso(at, timeZone);
    // Scheduling an email is as final as sending one: it asks first.
    if (emailRequest) return setScheduleAt(iso);
    act({ schedule: { at: iso } });
  };

  const preview = async () => {
    const saved = await props.flush();
    if (saved) window.open(`/preview/${saved.id}/`, '_blank', 'noopener');
    else setProblem('Write a headline first: the preview shows the saved story.');
  };

  const status = post?.status ?? 'draft';
  return (
    <section className="panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publishing</h2>
      <p>
        Status: <span className={`badge status-${status}`}>{statusLabel(status)}</span>
        {post?.status === 'scheduled' && post.scheduledAt ? (
          <> for {formatDateTime(post.scheduledAt, timeZone)}</>
        ) : null}
        {post?.status === 'published' && post.publishedAt ? (
          <> {formatDateTime(post.publishedAt, timeZone)}</>
        ) : null}
      </p>
      <FormAlert messages={problem ? [problem] : []} />
      {email ? (
        <EmailProgressBar
          email={email}
          newsletter={newsletters.data?.find((n) => n.id === email.newsletterId)}
          isLive={status === 'published'}
          navigate={props.navigate}
        />
      ) : mayPublish &&
        mayEmail &&
        status !== 'published' &&
        (post === null || storyEmail.isSuccess) ? (
        <EmailOption
          value={emailChoice}
          newsletters={newsletters.data ?? []}
          disabled={busy}
          onChange={setEmailChoice}
        />
      ) : null}
      {mayEmail && post && activeLists.length > 0 ? (
        <TestSend
          api={api}
          newsletters={activeLists}
          newsletterId={email?.newsletterId ?? chosenList?.id}
          userEmail={props.userEmail}
          flush={props.flush}
        />
      ) : null}
      <div className="actions wrap">
        <button type="button" className="secondary" onClick={() => void preview()}>
          Preview
        </button>
        {post?.status === 'published' ? (
          <button
            type="button"
            disabled={busy || !props.hasUnsavedChanges}
            onClick={() => updating.mutate()}
          >
            Update
          </button>
        ) : null}
        {post?.status === 'published' ? (
          <a className="button secondary" href={post.url} target="_blank" rel="noreferrer">
            View on site<span className="visually-hidden"> (opens a new tab)</span>
          </a>
        ) : null}
      </div>
      {!mayPublish ? (
        status === 'draft' ? (
          <div className="actions">
            <button type="button" disabled={busy} onClick={() => act('submit')}>
              Submit for review
            </button>
          </div>
        ) : status === 'in_review' ? (
          <p className="hint">Submitted: an editor will review and publish it.</p>
        ) : null
      ) : (
        <>
          {status !== 'published' ? (
            <div className="actions">
              <button type="button" disabled={busy} onClick={askToPublish}>
                Publish now
              </button>
            </div>
          ) : null}
          <ConfirmDialog
            isOpen={checked !== null}
            title={
              checked?.length
                ? 'Publish with these problems?'
                : emailRequest
                  ? 'Publish and send by email?'
                  : 'Publish now?'
            }
            confirmText={
              (checked?.length ? 'Publish anyway' : 'Publish now') +
              (emailRequest ? ' and send' : '')
            }
            busyText="Publishing…"
            isBusy={busy}
            onConfirm={() => stepping.mutate('publish', { onSettled: () => setChecked(null) })}
            onCancel={() => setChecked(null)}
          >
            {checked?.length ? (
              <>
                <p>Before it goes live, check:</p>
                <ul className="pre-publish-problems">
                  {checked.map((p) => (
                    <li key={p.field}>{p.message}</li>
                  ))}
                </ul>
                <p>You can fix these first, or publish anyway.</p>
              </>
            ) : (
              <p>The check found nothing to fix. The story goes live on the site at once.</p>
            )}
            {emailRequest && chosenList ? (
              <p className="confirm-email">
                It is also emailed to <strong>{chosenList.name}</strong> (
                {estimateText(chosenList, emailRequest.segment)}). A story is emailed only once.
              </p>
            ) : null}
          </ConfirmDialog>
          <ConfirmDialog
            isOpen={scheduleAt !== null}
            title="Schedule and send by email?"
            confirmText="Schedule and send"
            busyText="Scheduling…"
            isBusy={busy}
            onConfirm={() =>
              scheduleAt &&
              stepping.mutate(
                { schedule: { at: scheduleAt, ...(emailRequest ? { email: emailRequest } : {}) } },
                { onSettled: () => setScheduleAt(null) },
              )
            }
            onCancel={() => setScheduleAt(null)}
          >
            <p>
              The story goes live on {scheduleAt ? formatDateTime(scheduleAt, timeZone) : ''}, and
              is emailed then to <strong>{chosenList?.name}</strong> (
              {estimateText(chosenList, emailChoice.segment)}). A story is emailed only once.
            </p>
          </ConfirmDialog>
          {status !== 'published' ? (
            <div className="schedule">
              <div className="field">
                <label htmlFor="publish-at">Publish at</label>
                <p className="hint" id="publish-at-zone">
                  Newsroom time: {zoneLabel(timeZone)}
                </p>
                <input
                  id="publish-at"
                  type="datetime-local"
                  step={1}
                  value={when}
                  aria-describedby="publish-at-zone"
                  onChange={(e) => setWhen(e.target.value)}
                />
              </div>
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => schedule()}
              >
                {status === 'scheduled' ? 'Reschedule' : 'Schedule'}
              </button>
            </div>
          ) : null}
          {status === 'published' || status === 'scheduled' ? (
            <div className="actions">
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => act('unpublish')}
              >
                {status === 'scheduled' ? 'Cancel the schedule' : 'Unpublish'}
              </button>
            </div>
          ) : null}
        </>
      )}
      {post && roleMay(props.role, 'audit.read') ? (
        <p className="hint">
          <a href={`/admin/audit?story=${post.id}`}>This story in the audit log</a>
        </p>
      ) : null}
    </section>
  );
}
