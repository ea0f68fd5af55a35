import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function AuditScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Audit log</h1>
    </section>
  );
}
