// From a live page's story editor to its updates screen (the composer and the list).
import { pathTo, type Navigate } from '../../routes.js';
import { AppLink } from '../../ui/AppLink.js';

export const liveScreenPattern = '/admin/stories/:id/live';

export function LiveUpdatesLink({ postId, navigate }: { postId: string; navigate: Navigate }) {
  return (
    <p className="notice live-link">
      This is a live page: the headline and intro are edited here, the updates on their own screen.{' '}
      <AppLink
        className="button"
        to={pathTo(liveScreenPattern, { id: postId })}
        navigate={navigate}
      >
        Post live updates
      </AppLink>
    </p>
  );
}
