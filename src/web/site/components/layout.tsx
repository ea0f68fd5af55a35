import type { SiteSettings } from '../../../features/settings/index.js';
import type { Tag } from '../../../features/tags/index.js';
import { h, raw, type Child, type Html } from '../jsx/index.js';
import { siteCss } from '../site-styles.js';

export interface LayoutProps {
  settings: SiteSettings;
  navigation: Tag[];
  title: string;
  description?: string;
  children?: Child;
}

/** The page shell every reader page shares: skip link, masthead bar, main landmark, footer. */
export function Layout(props: LayoutProps): Html {
  const { settings } = props;
  return (
    <html lang={settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description ?? settings.description} />
        <style>{raw(`${siteCss}:root{--accent:${settings.accentColor}}`)}</style>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href="/">
              {settings.siteName}
            </a>
            <nav class="site-nav" aria-label="Sections">
              <ul>
                {props.navigation.map((tag) => (
                  <li>
                    <a href={`/tag/${tag.slug}/`}>{tag.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <a class="button" href="/membership/">
              Support us
            </a>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              {settings.siteName} — {settings.description}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
