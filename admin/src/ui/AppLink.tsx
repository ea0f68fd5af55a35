import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import type { Navigate } from '../routes.js';

/**
 * A link inside the app: a real `<a href>` (open in new tab works) that moves without a page
 * load on a plain click, then puts focus on the new screen's heading as a page load would.
 */
export function AppLink({
  to,
  navigate,
  onClick,
  ...rest
}: { to: string; navigate: Navigate } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      {...rest}
      href={to}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0)
          return;
        event.preventDefault();
        navigate(to);
      }}
    />
  );
}
