import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, messageOf, type QueryOf } from '../../api.js';
import type { ScreenProps } from '../../screen-props.js';
import type { ApiToken, AuditEntry, StaffUser } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { useNewsroomTimeZone } from '../../ui/use-newsroom-time-zone.js';
import { AuditFilters, type ActorOption, type AuditFilterValues } from './AuditFilters.js';
import { AuditTable } from './AuditTable.js';
import { startOfDayUtc } from '@shared/zoned-time.js';
import './audit.css';
import { ZoneNote } from '../../ui/newsroom-clock.js';

const pageSize = 50;

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
  const timeZone = useNewsroomTimeZone(api);
  const [filters, setFilters] = useState<AuditFilterValues>(() => filtersFrom(search));
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isLoadingMore, setLoadingMore] = useState(false);
  const [staff, setStaff] = useState<StaffUser[]>([]);
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const firstNewRef = useRef<string | null>(null);

  useEffect(() => {
    // Names for the "staff:<id>" and "token:<id>" labels; without them the ids still show.
    let cancelled = false;
    api
      .get('/staff')
      .then((a) => !cancelled && setStaff(a.staff))
      .catch(() => undefined);
    api
      .get('/tokens')
      .then((a) => !cancelled && setTokens(a.tokens))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api]);

  const queryFor = useCallback(
    (cursor: string | null) => {
      const since = filters.since ? startOfDayUtc(filters.since, timeZone) : null;
      const query: QueryOf<'get', '/audit-log'> = {
        limit: pageSize,
        actor: filters.actor || undefined,
        action: filters.action || undefined,
        subjectId: filters.story || undefined,
        since: since ?? undefined,
        cursor: cursor ?? undefined,
      };
      return { params: { query } };
    },
    [filters, timeZone],
  );

  const showError = (caught: unknown) => {
    const fields: Record<string, string> = {};
    if (caught instanceof ApiError) {
      for (const item of caught.errors)
        if (item.field && ['actor', 'action', 'since'].includes(item.field))
          fields[item.field] ??= item.message;
    }
    setFieldErrors(fields);
    setError(Object.keys(fields).length > 0 ? null : messageOf(caught));
  };

  useEffect(() => {
    // A "since" day waits for the newsroom's zone, so the first answer is already the right one.
    if (filters.since && timeZone === undefined) return;
    let cancelled = false;
    setEntries(null);
    api
      .get('/audit-log', queryFor(null))
      .then((page) => {
        if (cancelled) return;
        setEntries(page.entries);
        setNext(page.meta.pagination.next);
        setError(null);
        setFieldErrors({});
      })
      .catch((caught: unknown) => !cancelled && (setEntries([]), showError(caught)));
    return () => {
      cancelled = true;
    };
  }, [api, queryFor, filters.since, timeZone]);

  const more = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await api.get('/audit-log', queryFor(next));
      firstNewRef.current = page.entries[0]?.id ?? null;
      setEntries((list) => [...(list ?? []), ...page.entries]);
      setNext(page.meta.pagination.next);
    } catch (caught) {
      showError(caught);
    } finally {
      setLoadingMore(false);
    }
  };

  useEffect(() => {
    // After "Show more", continue reading from the first new row rather than the button.
    const id = firstNewRef.current;
    if (!id) return;
    firstNewRef.current = null;
    document.querySelector<HTMLElement>(`[data-entry="${CSS.escape(id)}"] th`)?.focus();
  }, [entries]);

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
        ?.filter((e) => e.subjectId === filters.story)
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
      <p role="status" className="audit-count">
        {entries === null
          ? 'Loading…'
          : `${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} shown${next ? '; more are older' : ''}.`}
      </p>
      <div aria-busy={entries === null}>
        {entries === null ? null : entries.length === 0 ? (
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
      {next && entries ? (
        <button
          type="button"
          className="secondary show-more"
          disabled={isLoadingMore}
          onClick={() => void more()}
        >
          {isLoadingMore ? 'Loading…' : 'Show more'}
        </button>
      ) : null}
    </section>
  );
}
