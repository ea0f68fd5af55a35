import { InfiniteQueryObserver, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../query/query-client.js';
import { pagedListOptions, reloadPagedLists, type Page } from './use-paged-list.js';

/** A list on the server, three items a page, that records the cursor of every request. */
function fakeServer(count: number) {
  let rows = Array.from({ length: count }, (_, i) => `story ${i + 1}`);
  const requests: (string | null)[] = [];
  return {
    requests,
    remove: (row: string) => (rows = rows.filter((r) => r !== row)),
    fetchPage: (cursor: string | null): Promise<Page<string>> => {
      requests.push(cursor);
      const start = cursor ? Number(cursor) : 0;
      const next = start + 3 < rows.length ? String(start + 3) : null;
      return Promise.resolve({ items: rows.slice(start, start + 3), next });
    },
  };
}

const listKey = ['stories', 'list', ''] as const;

/** A list as a screen shows it, with "Show more" pressed until `pages` pages are shown. */
async function showList(
  client: ReturnType<typeof createQueryClient>,
  server: ReturnType<typeof fakeServer>,
  pages: number,
) {
  const observer = new InfiniteQueryObserver(client, pagedListOptions(listKey, server.fetchPage));
  const unsubscribe = observer.subscribe(() => undefined);
  await vi.waitFor(() => expect(observer.getCurrentResult().data?.pages).toHaveLength(1));
  for (let shown = 1; shown < pages; shown++) await observer.fetchNextPage();
  const items = () => observer.getCurrentResult().data?.pages.flatMap((p) => p.items);
  return { observer, unsubscribe, items };
}

describe('paged lists', () => {
  it('after a write, a list showing three pages reloads its first page with one request', async () => {
    const client = createQueryClient();
    const server = fakeServer(8);
    const list = await showList(client, server, 3);
    expect(list.items()).toHaveLength(8);
    server.requests.length = 0;

    server.remove('story 2');
    await reloadPagedLists(client, ['stories']);

    expect(server.requests).toEqual([null]);
    expect(list.items()).toEqual(['story 1', 'story 3', 'story 4']);
    // Show more goes on from the fresh first page.
    await list.observer.fetchNextPage();
    expect(list.items()).toEqual([
      'story 1',
      'story 3',
      'story 4',
      'story 5',
      'story 6',
      'story 7',
    ]);
    list.unsubscribe();
  });

  it('reloads other queries under the key as they are', async () => {
    const client = createQueryClient();
    let answers = 0;
    const panel = new QueryObserver(client, {
      queryKey: ['stories', 'dashboard'],
      queryFn: () => Promise.resolve({ count: ++answers }),
    });
    const unsubscribe = panel.subscribe(() => undefined);
    await vi.waitFor(() => expect(panel.getCurrentResult().data).toEqual({ count: 1 }));

    await reloadPagedLists(client, ['stories']);

    expect(panel.getCurrentResult().data).toEqual({ count: 2 });
    unsubscribe();
  });

  it('drops a list nobody shows, so showing it again costs one request, not one per page', async () => {
    const client = createQueryClient();
    const server = fakeServer(8);
    const first = await showList(client, server, 3);
    first.unsubscribe();
    await vi.waitFor(() => expect(client.getQueryData(listKey)).toBeUndefined());
    server.requests.length = 0;

    const again = await showList(client, server, 1);

    expect(server.requests).toEqual([null]);
    expect(again.items()).toEqual(['story 1', 'story 2', 'story 3']);
    again.unsubscribe();
  });
});
