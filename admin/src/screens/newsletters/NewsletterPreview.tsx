import type { CSSProperties } from 'react';
import type { SiteSettings } from '../../types.js';
import type { NewsletterFormValues } from './newsletter-form-values.js';

/**
 * The email's header and footer as the form stands: the header image (or the site's name in the
 * accent colour), the sender line, a placeholder story, the footer text, the newsroom's postal
 * address and the unsubscribe line every newsletter email carries. Drawn here, not by the
 * server: it follows each keystroke.
 */
export function NewsletterPreview(props: {
  values: NewsletterFormValues;
  settings: SiteSettings | undefined;
}) {
  const { values, settings } = props;
  const siteName = settings?.siteName ?? 'Your newsroom';
  const accent = settings?.accentColor ?? '#1f5fbf';
  const headerImage = /^https?:\/\/\S+$/i.test(values.headerImageUrl.trim())
    ? values.headerImageUrl.trim()
    : null;
  const name = values.name.trim() || 'Newsletter name';
  const sender = values.senderName.trim() || siteName;
  return (
    <section className="newsletter-preview-panel" aria-labelledby="newsletter-preview-heading">
      <h3 id="newsletter-preview-heading">Email preview</h3>
      <p className="hint">The top and foot of each email, with the site&rsquo;s accent colour.</p>
      <div
        className="newsletter-preview"
        data-testid="newsletter-preview"
        style={{ '--email-accent': accent } as CSSProperties}
      >
        <p className="newsletter-preview-from">
          From <strong>{sender}</strong>
          {values.replyTo.trim() ? <> · replies to {values.replyTo.trim()}</> : null}
        </p>
        <div className="newsletter-preview-header">
          {headerImage ? (
            <img src={headerImage} alt="" className="newsletter-preview-image" />
          ) : null}
          {values.showSiteName ? <p className="newsletter-preview-site">{siteName}</p> : null}
          <p className="newsletter-preview-name">{name}</p>
        </div>
        <div className="newsletter-preview-body" aria-hidden="true">
          <p className="newsletter-preview-headline">The story&rsquo;s headline</p>
          <p>The story&rsquo;s dek and body follow here…</p>
          <span className="newsletter-preview-button">Read on the site</span>
        </div>
        <div className="newsletter-preview-footer">
          {values.footerText.trim() ? <p>{values.footerText.trim()}</p> : null}
          <p>
            {siteName}
            {settings?.postalAddress ? ` · ${settings.postalAddress}` : ''}
          </p>
          <p>
            You receive {name} as a member of {siteName}.{' '}
            <span className="newsletter-preview-link">Unsubscribe</span> ·{' '}
            <span className="newsletter-preview-link">Manage your newsletters</span>
          </p>
        </div>
      </div>
    </section>
  );
}
