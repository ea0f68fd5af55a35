// "End coverage": asks first, then closes the live page ("This live page has ended").
import { useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { formatDateTime } from '../../ui/format.js';
import { liveKeys } from './live-queries.js';

export function EndCoverage(props: {
  api: ApiClient;
  postId: string;
  endedAt: string | null;
  timeZone: string;
}) {
  const queryClient = useQueryClient();
  if (props.endedAt)
    return (
      <p className="notice" role="status">
        Coverage ended at {formatDateTime(props.endedAt, props.timeZone)}.
      </p>
    );
  return (
    <ConfirmAction
      label="End coverage"
      question="End coverage? Readers will see that this live page has ended."
      confirmLabel="End coverage now"
      tone="secondary"
      onConfirm={async () => {
        await props.api.post('/posts/{id}/end', { params: { path: { id: props.postId } } });
        await queryClient.invalidateQueries({ queryKey: liveKeys.updates(props.postId) });
      }}
    />
  );
}
