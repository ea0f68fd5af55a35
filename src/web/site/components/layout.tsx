import { assetUrls } from '../assets/asset-routes.js';
import type { SiteContext } from '../site-context.js';
import { h, raw, type Child, type Html } from '../jsx/index.js';
import { DriveBanner, type DriveProgress } from './drive-banner.js';
import { HeadMeta, type PageMeta } from './head-meta.js';
import { mixWithWhite } from '../../../shared/colour-mix.js';

export interface LayoutProps {
  site: SiteContext;
  meta: PageMeta;
  /** The navigation section this page belongs to, marked as current. */
  currentSectionSlug?: string | undefined;
  driveProgress?: DriveProgress | undefined;
  children?: Child;
}

/** An SVG favicon with the newsroom's initial, inline, so no request and no 404. */
const faviconDataUrl = (name: string, colour: string) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${colour}"/><text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="Georgia,serif">${(name.replace(/^the\s+/i, '')[0] ?? 'M').replace(/[<&"]/g, '')}</text></svg>`,
  )}`;

/** The shell of every reader page: banner, masthead bar, main landmark, footer. */
export function Layout(props: LayoutProps): Html {
  const { site } = props;
  const { settings } = site;
  // Only pages that exist: a footer link never leads to a 404.
  const hasPage = (slug: string) => site.pageSlugs.has(slug);
  return (
    <html lang={settings.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <HeadMeta meta={props.meta} siteName={settings.siteName} locale={settings.locale} />
        <link rel="icon" href={faviconDataUrl(settings.siteName, settings.accentColor)} />
        <link rel="stylesheet" href={assetUrls.css} />
        <style>
          {raw(
            `:root{--accent:${settings.accentColor};--accent-text:${settings.accentColor}}` +
              `@media (prefers-color-scheme:dark){:root{--accent-text:${mixWithWhite(settings.accentColor, 0.55)}}}`,
          )}
        </style>
        <link
          rel="alternate"
          type="application/rss+xml"
          title={settings.siteName}
          href={`${site.publicUrl}/rss/`}
        />
        <script src={assetUrls.js}></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {site.drive ? (
          <DriveBanner
            drive={site.drive}
            progress={props.driveProgress ?? site.driveProgress}
            locale={settings.locale}
            timeZone={settings.timezone}
            isPaidEnabled={site.isPaidEnabled}
          />
        ) : null}
        <header class="site-header">
          <div class="wrap">
            <a class="site-name" href="/">
              {settings.logoUrl ? (
                <img src={settings.logoUrl} alt={settings.siteName} height="40" />
              ) : (
                settings.siteName
              )}
            </a>
            <nav class="site-nav" aria-label="Sections">
              <ul>
                {(
                  settings.navigation ??
                  site.navigation.map((t) => ({ label: t.name, url: `/tag/${t.slug}/` }))
                ).map((item) => (
                  <li>
                    <a
                      href={item.url}
                      aria-current={
                        item.url === `/tag/${props.currentSectionSlug}/` ? 'page' : undefined
                      }
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <form class="header-search" action="/search" method="get" role="search">
              <label class="visually-hidden" for="site-search">
                Search
              </label>
              <input id="site-search" name="q" type="search" placeholder="Search" />
              <button type="submit">Search</button>
            </form>
            <div class="header-links">
              <a class="search-link" href="/search">
                Search
              </a>
              <a href="/account/">Account</a>
              <a class="button" href="/membership/">
                Support us
              </a>
            </div>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label="Footer">
              <ul>
                {hasPage('about') ? (
                  <li>
                    <a href="/about/">About</a>
                  </li>
                ) : null}
                <li>
                  <a href="/membership/">Membership</a>
                </li>
                {site.newsletters.length > 0 ? (
                  <li>
                    <a href="/newsletters/">Newsletters</a>
                  </li>
                ) : null}
                {hasPage('contact') ? (
                  <li>
                    <a href="/contact/">Contact</a>
                  </li>
                ) : null}
                <li>
                  <a href="/corrections/">Corrections</a>
                </li>
                <li>
                  <a href="/rss/">RSS</a>
                </li>
                {Object.entries(settings.socialLinks).map(([name, url]) => (
                  <li>
                    <a href={url} rel="me noopener">
                      {name}
                    </a>
                  </li>
                ))}
                {hasPage('privacy') ? (
                  <li>
                    <a href="/privacy/">Privacy</a>
                  </li>
                ) : null}
              </ul>
            </nav>
            <p>
              © {settings.siteName}. {settings.description}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
