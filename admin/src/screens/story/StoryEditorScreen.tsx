import type { ScreenProps } from '../../screen-props.js';

// Placeholder until this screen is built.
export function StoryEditorScreen(_props: ScreenProps) {
  return (
    <section>
      <h1 tabIndex={-1}>Story</h1>
    </section>
  );
}
