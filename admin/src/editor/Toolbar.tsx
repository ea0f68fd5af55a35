// The formatting toolbar: one tab stop, arrow keys move between buttons (WAI-ARIA toolbar
// pattern), marks and block types report their state with aria-pressed.
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ariaKeyShortcut, shortcutLabel } from './shortcuts.js';

export interface ToolbarButton {
  /** The accessible name the story editor's tests rely on. */
  name: string;
  /** Shorter visible text that is part of the name ("Image" for "Insert image"). */
  text?: string;
  /**
   * An icon-like symbol instead of text (B, x²), drawn by CSS like an icon would be: assistive
   * tech and voice control use the name, which the tooltip shows.
   */
  glyph?: string;
  shortcut?: string;
  isPressed?: boolean;
  /** For buttons that open a panel. */
  isExpanded?: boolean;
  controls?: string;
  isDisabled?: boolean;
  className?: string;
  onClick: () => void;
}

export interface ToolbarGroup {
  /** Names the group in code; on screen a thin rule sets it apart. */
  label: string;
  buttons: ToolbarButton[];
}

export function Toolbar({ groups, controls }: { groups: ToolbarGroup[]; controls: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);

  const buttons = () =>
    Array.from(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);

  // Exactly one enabled button is in the tab order; it follows the last one used.
  useLayoutEffect(() => {
    const list = buttons();
    const active = Math.min(current, list.length - 1);
    list.forEach((button, index) => (button.tabIndex = index === active ? 0 : -1));
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = buttons();
    const { target } = event;
    const index = target instanceof HTMLButtonElement ? list.indexOf(target) : -1;
    if (index < 0) return;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % list.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + list.length) % list.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? list.length - 1
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    list[next]?.focus();
  };

  return (
    <div
      ref={ref}
      className="body-toolbar"
      role="toolbar"
      aria-label="Formatting"
      aria-controls={controls}
      onKeyDown={onKeyDown}
      onFocus={({ target }) => {
        const index = target instanceof HTMLButtonElement ? buttons().indexOf(target) : -1;
        if (index >= 0) setCurrent(index);
      }}
    >
      {groups.flatMap((group, groupIndex) =>
        group.buttons.map((button, index) => (
          <button
            key={button.name}
            type="button"
            className={[
              'body-toolbar__button',
              // Groups are drawn, not nested: buttons then wrap freely in a narrow column.
              index === 0 && groupIndex > 0 ? 'starts-group' : '',
              button.className ?? '',
            ].join(' ')}
            aria-label={button.text || button.glyph ? button.name : undefined}
            aria-pressed={button.isPressed}
            aria-expanded={button.isExpanded}
            aria-controls={button.isExpanded ? button.controls : undefined}
            aria-keyshortcuts={button.shortcut ? ariaKeyShortcut(button.shortcut) : undefined}
            title={
              button.shortcut ? `${button.name} (${shortcutLabel(button.shortcut)})` : button.name
            }
            disabled={button.isDisabled}
            // A click keeps focus (and the caret) in the text, so typing goes on at once.
            onMouseDown={(event) => event.preventDefault()}
            onClick={button.onClick}
          >
            {button.glyph ? (
              <span className="body-toolbar__glyph" aria-hidden="true" data-glyph={button.glyph} />
            ) : (
              (button.text ?? button.name)
            )}
          </button>
        )),
      )}
    </div>
  );
}
