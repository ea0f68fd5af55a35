import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import { staffQuery, teamKeys, tokensQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { ApiToken, AuditEntry, StaffUser } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { usePagedList } from '../../ui/use-paged-list.js';
import { useNewsroomTimeZone } from '../../ui/use-newsroom-time-zone.js';
import { AuditFilters, type ActorOption, type AuditFilterValues } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { auditQueryOf, checkAuditQuery } from './audit-query.js';
import './audit.css';
import { ZoneNote } from '../../ui/newsroom-clock.js';
import { ShowMore } from '../../ui/ShowMore.js';

const noStaff: StaffUser[] = [];
const noTokens: ApiToken[] = [];

/** Filters from the address, so a link such as `/admin/audit?action=token.created` works. */
function filtersFrom(search: string): AuditFilterValues {
  const query = new URLSearchParams(search);
  return {
    actor: query.get('actor') ?? '',
    action: query.get('action') ?? '',
    since: /^\d{4}-\d{2}-\d{2}$/.test(query.get('since') ?? '') ? (query.get('since') ?? '') : '',
    story: /^[0-9a-f-]{36}$/.test(query.get('story') ?? '') ? (query.get('story') ?? '') : '',
  };
}

export function AuditScreen({ api, search }: ScreenProps) {
  const timeZone = useNewsroomTimeZone();
  const [filters, setFilters] = useState<AuditFilterValues>(() => filtersFrom(search));
  // Names for the "staff:<id>" and "token:<id>" labels; without them the ids still show.
  const staff = useQuery(staffQuery(api)).data ?? noStaff;
  const tokens = useQuery(tokensQuery(api)).data ?? noTokens;
  const rowsRef = useRef<HTMLDivElement>(null);

  const query = auditQueryOf(filters, timeZone);
  // Filters the API would refuse (a hand-made link) are named at their field and not sent.
  const fieldErrors = checkAuditQuery(query);
  const isRefused = Object.keys(fieldErrors).length > 0;
  const list = usePagedList<AuditEntry>({
    queryKey: [...teamKeys.auditLog, query],
    fetchPage: async (cursor) => {
      if (isRefused) return { items: [], next: null };
      const page = await api.get('/audit-log', {
        params: { query: { ...query, cursor: cursor ?? undefined } },
      });
      return { items: page.entries, next: page.meta.pagination.next };
    },
    // After "Show more", continue reading from the first new row rather than the button.
    rows: { container: rowsRef, selector: '[data-entry] th' },
  });
  const entries = list.items;
  const next = list.next;
  const error = list.error;

  const actors: ActorOption[] = useMemo(
    () => [
      ...staff.map((s) => ({ value: `staff:${s.id}`, text: `${s.name} (${s.email})` })),
      ...tokens.map((t) => ({ value: `token:${t.id}`, text: `Token: ${t.name}` })),
      { value: 'system', text: 'Masthead itself (jobs, commands)' },
      { value: 'anonymous', text: 'Not signed in' },
    ],
    [staff, tokens],
  );

  const actorName = useCallback(
    (label: string) => {
      const [type, id] = label.split(':') as [string, string | undefined];
      if (type === 'staff') return staff.find((s) => s.id === id)?.name ?? label;
      if (type === 'token') {
        const name = tokens.find((t) => t.id === id)?.name;
        return name ? `Token “${name}”` : label;
      }
      if (type === 'system') return 'Masthead';
      if (type === 'anonymous') return 'Not signed in';
      return label;
    },
    [staff, tokens],
  );

  const storyTitle = filters.story
    ? entries
        .filter((e) => e.subjectId === filters.story)
        .map((e) => e.details.title)
        .find((t): t is string => typeof t === 'string')
    : undefined;

  return (
    <section aria-labelledby="audit-heading" className="audit-screen">
      <h1 id="audit-heading" tabIndex={-1}>
        Audit log
      </h1>
      <p className="lede">Who did what to stories, accounts, keys and settings, newest first.</p>
      <ZoneNote />
      <AuditFilters
        values={filters}
        storyTitle={storyTitle}
        actors={actors}
        timeZone={timeZone}
        errors={fieldErrors}
        onChange={setFilters}
      />
      {error ? <FormAlert messages={[`The audit log could not be loaded: ${error}`]} /> : null}
      {/* A refused filter the form has no field for (a hand-made link's story id). */}
      {fieldErrors.subjectId ? (
        <FormAlert messages={[`The story in this link is not one: ${fieldErrors.subjectId}`]} />
      ) : null}
      <p role="status" className="audit-count">
        {list.isLoading && entries.length === 0
          ? 'Loading…'
          : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} shown${next ? '; more are older' : ''}.`}
      </p>
      <div aria-busy={list.isLoading} ref={rowsRef}>
        {list.isLoading && entries.length === 0 ? null : entries.length === 0 ? (
          <p className="empty">No entries match these filters.</p>
        ) : (
          <AuditTable
            entries={entries}
            timeZone={timeZone}
            actorName={actorName}
            onStory={(id) => setFilters({ ...filters, story: id })}
          />
        )}
      </div>
      <ShowMore list={list} />
    </section>
  );
}
