import type { EmailNewsletter, EmailSite } from '../../features/newsletters/index.js';
import { emailPlaceholders } from '../../features/newsletters/index.js';
import { absoluteEmailUrl, emailImg } from '../../shared/richtext/render-email-html.js';
import { documentHtml, Fragment, h, raw, type Child, type Html } from '../site/jsx/index.js';
import { contentWidth, emailAccent, emailStyles } from './email-styles.js';

/**
 * The frame every newsletter email shares: a 600 px table (the layout every mail client renders
 * alike, Outlook's Word engine included), a hidden preheader, "View in browser", the header, the
 * content, and the footer with the newsroom's address and the per-recipient unsubscribe links.
 * Tables carry `role="presentation"` so screen readers read them as layout, not data.
 */
export interface EmailLayoutProps {
  site: EmailSite;
  newsletter: EmailNewsletter;
  /** The <title>: the subject, which some clients show for a web view. */
  title: string;
  preheader: string;
  viewInBrowserUrl: string;
  children?: Child;
}

// Zero-width joiners after the preheader keep inbox lists from filling the preview with the
// email's first words ("View in browser …") once the preheader runs out.
const preheaderFiller = '&#847;&zwnj;&nbsp;'.repeat(60);

/** A table used for layout only. */
export function LayoutTable(props: { class?: string; width?: string; children?: Child }): Html {
  return (
    <table
      role="presentation"
      class={props.class}
      width={props.width}
      cellpadding="0"
      cellspacing="0"
      border="0"
    >
      <tbody>{props.children}</tbody>
    </table>
  );
}

/**
 * A button every client draws: the colour on the table cell (Outlook ignores it on links), the
 * padding on the link so the whole button is clickable elsewhere.
 */
export function EmailButton(props: { href: string; accentColor: string; children?: Child }): Html {
  return (
    <LayoutTable class="button-table">
      <tr>
        <td class="button-cell" bgcolor={emailAccent(props.accentColor)} align="center">
          <a class="button" href={props.href}>
            {props.children}
          </a>
        </td>
      </tr>
    </LayoutTable>
  );
}

function Header(props: { site: EmailSite; newsletter: EmailNewsletter }): Html {
  const { site, newsletter } = props;
  const imageSrc = newsletter.design.headerImageUrl
    ? absoluteEmailUrl(newsletter.design.headerImageUrl, site.url, 'image')
    : undefined;
  const siteLink = `${site.url}/`;
  return (
    <td class="header">
      {imageSrc ? (
        <div class="header-image">
          <a href={siteLink}>
            {raw(emailImg({ src: imageSrc, alt: site.name, width: contentWidth }))}
          </a>
        </div>
      ) : null}
      {!imageSrc || newsletter.design.showSiteName ? (
        <a class="site-name" href={siteLink}>
          {site.name}
        </a>
      ) : null}
    </td>
  );
}

/** Lines of a multi-line setting (the postal address), kept as lines. */
function Lines(props: { text: string }): Html {
  const lines = props.text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return <>{lines.map((line, index) => [index > 0 ? raw('<br>') : null, line])}</>;
}

function Footer(props: { site: EmailSite; newsletter: EmailNewsletter }): Html {
  const { site, newsletter } = props;
  return (
    <td class="footer">
      {newsletter.design.footerText ? (
        <p>
          <Lines text={newsletter.design.footerText} />
        </p>
      ) : null}
      <p>
        You are receiving {newsletter.name} from <a href={`${site.url}/`}>{site.name}</a>.
      </p>
      {site.postalAddress.trim() ? (
        <p>
          <Lines text={site.postalAddress} />
        </p>
      ) : null}
      <p>
        <a href={emailPlaceholders.unsubscribeUrl}>Unsubscribe</a> ·{' '}
        <a href={emailPlaceholders.manageUrl}>Manage your newsletters</a>
      </p>
    </td>
  );
}

/** The whole document, before juice inlines its <style> block. */
export function renderEmailLayout(props: EmailLayoutProps): string {
  const { site, newsletter } = props;
  return documentHtml(
    <html lang={site.language ?? 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
        <style>{raw(emailStyles(site.accentColor))}</style>
      </head>
      <body>
        <div class="preheader">
          {props.preheader}
          {raw(preheaderFiller)}
        </div>
        <LayoutTable class="wrapper" width="100%">
          <tr>
            <td align="center">
              <LayoutTable class="container" width="600">
                <tr>
                  <td class="topbar">
                    <a href={props.viewInBrowserUrl}>View in browser</a>
                  </td>
                </tr>
                <tr>
                  <Header site={site} newsletter={newsletter} />
                </tr>
                <tr>
                  <td class="content">{props.children}</td>
                </tr>
                <tr>
                  <Footer site={site} newsletter={newsletter} />
                </tr>
              </LayoutTable>
            </td>
          </tr>
        </LayoutTable>
      </body>
    </html>,
  );
}
