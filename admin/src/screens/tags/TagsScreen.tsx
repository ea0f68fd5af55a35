import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function TagsScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Sections and tags</h1>
    </section>
  );
}
