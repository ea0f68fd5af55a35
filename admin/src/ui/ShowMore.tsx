// The button under a cursor-paged list: loads the next page (usePagedList focuses its first new
// row); absent when everything is shown.
import type { PagedList } from './use-paged-list.js';

export function ShowMore({
  list,
}: {
  list: Pick<PagedList<unknown>, 'next' | 'isLoading' | 'showMore'>;
}) {
  if (!list.next) return null;
  return (
    <button
      type="button"
      className="secondary show-more"
      disabled={list.isLoading}
      onClick={() => void list.showMore()}
    >
      {list.isLoading ? 'Loading…' : 'Show more'}
    </button>
  );
}
