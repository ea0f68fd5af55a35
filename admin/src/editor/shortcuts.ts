// Keyboard shortcuts as people read them ("Ctrl+B", "⌘B") and as aria-keyshortcuts wants them.

const isApple = () =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/** `keys` in TipTap's notation, e.g. "Mod-Shift-x". */
export function shortcutLabel(keys: string): string {
  const parts = keys.split('-').map((part) => (part.length === 1 ? part.toUpperCase() : part));
  if (isApple()) {
    const symbols: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };
    return parts.map((part) => symbols[part] ?? part).join('');
  }
  return parts.map((part) => (part === 'Mod' ? 'Ctrl' : part)).join('+');
}

export function ariaKeyShortcut(keys: string): string {
  return keys
    .split('-')
    .map((part) =>
      part === 'Mod'
        ? isApple()
          ? 'Meta'
          : 'Control'
        : part.length === 1
          ? part.toUpperCase()
          : part,
    )
    .join('+');
}
