import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, messageOf } from '../../api.js';
import { memberQuery, membershipKeys, queryKeys, tiersQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Member } from '../../types.js';
import { AppLink } from '../../ui/AppLink.js';
import { DeleteMember } from './DeleteMember.js';
import { MemberComp } from './MemberComp.js';
import { MemberEditForm } from './MemberEditForm.js';
import { MemberHistory, memberEventsKey } from './MemberHistory.js';
import { MemberNewsletters } from './MemberNewsletters.js';
import { lastDayOf, statusLabel, tierName } from './member-text.js';
import './members.css';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; member: Member };

/** What the page shows from its two reads: the member, and the tiers their access names. */
function stateOf(
  member: { data?: Member | undefined; error: Error | null },
  tiers: { isSuccess: boolean; error: Error | null },
): State {
  const caught = member.error ?? tiers.error;
  // A malformed id is a 400 from the API; to a person it is the same as a missing one.
  if (member.error instanceof ApiError && [400, 404].includes(member.error.status))
    return { kind: 'missing' };
  if (caught) return { kind: 'error', message: messageOf(caught) };
  return member.data && tiers.isSuccess
    ? { kind: 'ready', member: member.data }
    : { kind: 'loading' };
}

/** One member: what we know, edits, complimentary access, history, and deleting them. */
export function MemberDetailScreen({ api, session, params, navigate }: ScreenProps) {
  const clock = useNewsroomClock();
  const id = params.id ?? '';
  const queryClient = useQueryClient();
  const memberAnswer = useQuery(memberQuery(api, id));
  const tiersAnswer = useQuery(tiersQuery(api));
  const tiers = tiersAnswer.data ?? [];
  const state = stateOf(memberAnswer, tiersAnswer);

  // An edit or a comp answers the member as they now are: shown at once; their history and the
  // member lists (and counts) load again.
  const changed = (member: Member) => {
    queryClient.setQueryData(membershipKeys.member(id), member);
    void queryClient.invalidateQueries({ queryKey: memberEventsKey(member.id) });
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.members, 'list'] });
    void queryClient.invalidateQueries({ queryKey: membershipKeys.memberStats });
  };
  // A deleted member's reads are dropped, not reloaded (they would answer 404); the lists and
  // counts load again when shown.
  const deleted = () => {
    navigate('/admin/members', { replace: true });
    queryClient.removeQueries({ queryKey: membershipKeys.member(id) });
    queryClient.removeQueries({ queryKey: memberEventsKey(id) });
    void queryClient.invalidateQueries({ queryKey: [...queryKeys.members, 'list'] });
    void queryClient.invalidateQueries({ queryKey: membershipKeys.memberStats });
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
          <DeleteMember api={api} member={member} onDeleted={deleted} />
        </div>
        <div>
          <MemberNewsletters api={api} memberId={member.id} navigate={navigate} />
          <MemberHistory api={api} memberId={member.id} selfId={session.user.id} />
        </div>
      </div>
    </section>
  );
}
