import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../../api.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Member, Tier } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { DeleteMember } from './DeleteMember.js';
import { MemberComp } from './MemberComp.js';
import { MemberEditForm } from './MemberEditForm.js';
import { MemberHistory } from './MemberHistory.js';
import { lastDayOf, statusLabel, tierName } from './member-text.js';
import './members.css';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; member: Member };

/** One member: what we know, edits, complimentary access, history, and deleting them. */
export function MemberDetailScreen({ api, session, params, navigate }: ScreenProps) {
  const clock = useNewsroomClock();
  const id = params.id ?? '';
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    Promise.all([
      api.get('/members/{id}', { params: { path: { id: encodeURIComponent(id) } } }),
      api.get('/tiers'),
    ]).then(
      ([detail, list]) => {
        if (cancelled) return;
        setTiers(list.tiers);
        setState({ kind: 'ready', member: detail.member });
      },
      (caught: unknown) => {
        if (cancelled) return;
        // A malformed id is a 400 from the API; to a person it is the same as a missing one.
        if (caught instanceof ApiError && (caught.status === 404 || caught.status === 400))
          setState({ kind: 'missing' });
        else setState({ kind: 'error', message: messageOf(caught) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, id]);

  const changed = (member: Member) => {
    setState({ kind: 'ready', member });
    setVersion((v) => v + 1);
  };

  const back = (
    <p className="back-link">
      <AppLink to="/admin/members" navigate={navigate}>
        All members
      </AppLink>
    </p>
  );

  if (state.kind !== 'ready')
    return (
      <section aria-labelledby="member-heading">
        {back}
        <h1 id="member-heading" tabIndex={-1}>
          Member
        </h1>
        {state.kind === 'loading' ? <p role="status">Loading the member…</p> : null}
        {state.kind === 'missing' ? <p>There is no member at this address.</p> : null}
        {state.kind === 'error' ? (
          <p className="form-alert" role="alert">
            {state.message}
          </p>
        ) : null}
      </section>
    );

  const { member } = state;
  return (
    <section aria-labelledby="member-heading" className="member-detail">
      {back}
      <h1 id="member-heading" tabIndex={-1}>
        Member
      </h1>
      <p className="lede member-who">
        <strong>{member.name || member.email}</strong>
        {member.name ? ` · ${member.email}` : ''}
      </p>
      <dl className="member-facts">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`badge member-status-${member.status}`}>
              {statusLabel(member.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>Tier</dt>
          <dd>{tierName(tiers, member.tierId) || 'None'}</dd>
        </div>
        <div>
          <dt>Access until</dt>
          <dd>{member.accessUntil ? lastDayOf(member.accessUntil, clock.timeZone) : 'No end'}</dd>
        </div>
        <div>
          <dt>Joined</dt>
          <dd>
            <time dateTime={member.createdAt}>{clock.dateTime(member.createdAt)}</time>
          </dd>
        </div>
        {member.stripeCustomerId ? (
          <div>
            <dt>Stripe customer</dt>
            <dd>{member.stripeCustomerId}</dd>
          </div>
        ) : null}
      </dl>
      <div className="member-columns">
        <div>
          <MemberEditForm api={api} member={member} onSaved={changed} />
          <MemberComp api={api} member={member} tiers={tiers} onChanged={changed} />
          <DeleteMember
            api={api}
            member={member}
            onDeleted={() => navigate('/admin/members', { replace: true })}
          />
        </div>
        <MemberHistory api={api} memberId={member.id} selfId={session.user.id} version={version} />
      </div>
    </section>
  );
}
