import { useRef } from 'react';
import type { ApiClient } from '../../api.js';
import { FormAlert } from '../../ui/FieldError.js';
import { queryKeys } from '../../query/queries.js';
import { usePagedList } from '../../ui/use-paged-list.js';
import { describeEvent } from './member-text.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import { ShowMore } from '../../ui/ShowMore.js';

/** The key of a member's history; a change to the member invalidates it. */
export const memberEventsKey = (memberId: string) =>
  [...queryKeys.members, memberId, 'events'] as const;

/** A member's history, newest first, a page at a time. */
export function MemberHistory(props: { api: ApiClient; memberId: string; selfId: string }) {
  const { api, memberId } = props;
  const clock = useNewsroomClock();
  const listRef = useRef<HTMLOListElement>(null);

  // After Show more, focus moves to the first newly loaded entry (made focusable for this).
  const list = usePagedList({
    queryKey: memberEventsKey(memberId),
    fetchPage: async (cursor) => {
      const answer = await api.get('/members/{id}/events', {
        params: { path: { id: memberId }, query: { limit: 20, cursor: cursor ?? undefined } },
      });
      return { items: answer.events, next: answer.meta.pagination.next };
    },
    rows: { container: listRef, selector: 'li' },
  });
  const events = list.items;
  const loading = list.isLoading;
  const error = list.error;

  return (
    <section className="member-section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <FormAlert messages={error ? [error] : []} />
      {loading && events.length === 0 ? <p role="status">Loading history…</p> : null}
      {!loading && events.length === 0 && !error ? <p className="empty">Nothing yet.</p> : null}
      <ol className="member-history" ref={listRef}>
        {events.map((event) => (
          <li key={event.id} tabIndex={-1}>
            <time dateTime={event.createdAt}>{clock.dateTime(event.createdAt)}</time>
            <span>{describeEvent(event, props.selfId, clock.timeZone)}</span>
          </li>
        ))}
      </ol>
      <ShowMore list={list} />
    </section>
  );
}
