import type { StoryDraft } from './story-draft.js';

const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** Search and social titles and description, with how a search result and a share card look. */
export function SeoPanel(props: {
  draft: StoryDraft;
  siteName: string;
  siteUrl: string;
  onChange: (seo: StoryDraft['seo']) => void;
}) {
  const { draft, onChange } = props;
  const seo = draft.seo;
  const title = seo.title || draft.title || 'Headline';
  const description = seo.description || draft.dek || draft.customExcerpt || '';
  const url = `${props.siteUrl.replace(/\/+$/, '')}/${draft.slug || 'slug'}/`;
  return (
    <section className="panel" aria-labelledby="seo-heading">
      <h2 id="seo-heading">Search and social</h2>
      <div className="field">
        <label htmlFor="seo-title">Search title</label>
        <p className="hint" id="seo-title-hint">
          {seo.title.length}/70 — left empty, the headline is used.
        </p>
        <input
          id="seo-title"
          value={seo.title}
          maxLength={300}
          aria-describedby="seo-title-hint"
          onChange={(e) => onChange({ ...seo, title: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="seo-description">Search description</label>
        <p className="hint" id="seo-description-hint">
          {seo.description.length}/160 — left empty, the dek is used.
        </p>
        <textarea
          id="seo-description"
          rows={3}
          maxLength={500}
          value={seo.description}
          aria-describedby="seo-description-hint"
          onChange={(e) => onChange({ ...seo, description: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="seo-image">Social image URL</label>
        <p className="hint" id="seo-image-hint">
          Left empty, the lead image is used.
        </p>
        <input
          id="seo-image"
          value={seo.socialImageUrl}
          aria-describedby="seo-image-hint"
          onChange={(e) => onChange({ ...seo, socialImageUrl: e.target.value })}
        />
      </div>
      <figure className="serp-preview" aria-label="Search result preview">
        <p className="serp-url">{url}</p>
        <p className="serp-title">{cut(title, 70)}</p>
        <p className="serp-description">{cut(description, 160)}</p>
      </figure>
      <figure className="social-preview" aria-label="Share card preview">
        <p className="social-site">{props.siteName}</p>
        <p className="social-title">{cut(title, 90)}</p>
        <p className="social-description">{cut(description, 120)}</p>
      </figure>
    </section>
  );
}
