import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function TokensScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Admin API tokens</h1>
    </section>
  );
}
