import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function WebhooksScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Webhooks</h1>
    </section>
  );
}
