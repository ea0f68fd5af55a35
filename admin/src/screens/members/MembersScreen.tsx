import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { apiBase, messageOf } from '../../api.js';
import { queryKeys, tiersQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import { FormAlert } from '../../ui/FieldError.js';
import { reloadPagedLists, usePagedList } from '../../ui/use-paged-list.js';
import { AddMemberForm } from './AddMemberForm.js';
import { ImportMembers } from './ImportMembers.js';
import {
  addressQuery,
  apiFilters,
  apiQuery,
  filtersOf,
  type MemberFilters,
} from './member-filters.js';
import { MemberFiltersForm } from './MemberFiltersForm.js';
import { MemberTable } from './MemberTable.js';
import './members.css';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import { ShowMore } from '../../ui/ShowMore.js';

type Panel = 'add' | 'import' | null;

/** Members: find (search and filters in the address), page through, add, import, export. */
export function MembersScreen({ api, navigate, search }: ScreenProps) {
  const clock = useNewsroomClock();
  const filters = filtersOf(search);
  const filterKey = addressQuery(filters);
  const [panel, setPanel] = useState<Panel>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const queryClient = useQueryClient();
  const query = apiQuery(filtersOf(`?${filterKey}`), clock.timeZone).toString();
  const tiersAnswer = useQuery(tiersQuery(api));
  const tiers = tiersAnswer.data ?? [];
  const error = tiersAnswer.error ? messageOf(tiersAnswer.error) : null;

  // After Show more, keyboard focus moves to the first newly loaded member.
  const list = usePagedList({
    queryKey: [...queryKeys.members, 'list', query],
    fetchPage: async (cursor) => {
      const filterQuery = apiFilters(filtersOf(`?${filterKey}`), clock.timeZone);
      const answer = await api.get('/members', {
        params: { query: { ...filterQuery, limit: 25, cursor: cursor ?? undefined } },
      });
      return { items: answer.members, next: answer.meta.pagination.next };
    },
    rows: { container: tableRef, selector: 'a.member-link' },
  });
  const members = list.items;
  const loading = list.isLoading;

  const apply = (nextFilters: MemberFilters) => {
    const q = addressQuery(nextFilters);
    navigate(`/admin/members${q ? `?${q}` : ''}`, { replace: true });
  };
  const closePanel = (focusId: string) => {
    setPanel(null);
    requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };

  return (
    <section aria-labelledby="members-heading">
      <div className="screen-head">
        <h1 id="members-heading" tabIndex={-1}>
          Members
        </h1>
        <div className="actions members-actions">
          <button
            id="members-add"
            type="button"
            aria-expanded={panel === 'add'}
            onClick={() => setPanel(panel === 'add' ? null : 'add')}
          >
            Add a member
          </button>
          <button
            id="members-import"
            type="button"
            className="secondary"
            aria-expanded={panel === 'import'}
            onClick={() => setPanel(panel === 'import' ? null : 'import')}
          >
            Import CSV
          </button>
          <a
            className="button secondary"
            href={`${apiBase}/members/export${query ? `?${query}` : ''}`}
            download
          >
            Export CSV<span className="visually-hidden"> of the members shown by the filters</span>
          </a>
        </div>
      </div>
      {panel === 'add' ? (
        <AddMemberForm
          api={api}
          onAdded={(member) => navigate(`/admin/members/${member.id}`)}
          onCancel={() => closePanel('members-add')}
        />
      ) : null}
      {panel === 'import' ? (
        <ImportMembers
          api={api}
          onImported={() => void reloadPagedLists(queryClient, queryKeys.members)}
          onCancel={() => closePanel('members-import')}
        />
      ) : null}
      <MemberFiltersForm key={filterKey} filters={filters} tiers={tiers} onApply={apply} />
      <FormAlert messages={[list.error, error].filter((m) => m !== null)} />
      <p className="visually-hidden" role="status">
        {loading ? 'Loading members…' : `${members.length} members shown`}
      </p>
      {!loading && members.length === 0 && !list.error && !error ? (
        <p className="empty">{filterKey ? 'No members match.' : 'No members yet.'}</p>
      ) : null}
      {members.length > 0 ? (
        <MemberTable members={members} tiers={tiers} navigate={navigate} tableRef={tableRef} />
      ) : null}
      <ShowMore list={list} />
    </section>
  );
}
