import type { Author, Tag, Visibility } from '../../types.js';
import { FieldError } from '../../ui/FieldError.js';
import { BylineOrder } from './BylineOrder.js';
import { ChoiceList } from './ChoiceList.js';
import type { StoryDraft } from './story-draft.js';

const visibilities: { value: Visibility; label: string }[] = [
  { value: 'public', label: 'Everyone' },
  { value: 'members', label: 'Members (free sign-up)' },
  { value: 'paid', label: 'Paying members' },
];

/** Slug, sections and tags, bylines, who may read it, excerpt and the front-page flags. */
export function DetailsPanel(props: {
  draft: StoryDraft;
  onChange: (patch: Partial<StoryDraft>) => void;
  authors: Author[];
  tags: Tag[];
  mayFeature: boolean;
  errorOf: (field: string) => string | undefined;
}) {
  const { draft, onChange, errorOf } = props;
  const described = (field: string) =>
    errorOf(field) ? { 'aria-invalid': true, 'aria-describedby': `story-${field}-error` } : {};
  return (
    <section className="panel" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <div className="field">
        <label htmlFor="story-slug">Slug</label>
        <p className="hint" id="story-slug-hint">
          The story’s address: /{draft.slug || 'made-from-the-headline'}/
        </p>
        <input
          id="story-slug"
          value={draft.slug}
          aria-describedby="story-slug-hint"
          {...described('slug')}
          onChange={(e) => onChange({ slug: e.target.value })}
        />
        <FieldError id="story-slug-error" message={errorOf('slug')} />
      </div>
      <ChoiceList
        legend="Sections"
        options={props.tags.filter((t) => t.isNavigation).map((t) => ({ id: t.id, label: t.name }))}
        chosen={draft.tagIds.filter((id) => props.tags.find((t) => t.id === id)?.isNavigation)}
        onChange={(ids) =>
          onChange({
            tagIds: [
              ...ids,
              ...draft.tagIds.filter((id) => !props.tags.find((t) => t.id === id)?.isNavigation),
            ],
          })
        }
        hint="The first chosen section is the story’s kicker."
      />
      <ChoiceList
        legend="Tags"
        options={props.tags
          .filter((t) => !t.isNavigation)
          // Internal tags are marked: they organise stories but readers never see them.
          .map((t) => ({ id: t.id, label: t.isInternal ? `${t.name} (internal)` : t.name }))}
        chosen={draft.tagIds.filter((id) => !props.tags.find((t) => t.id === id)?.isNavigation)}
        onChange={(ids) =>
          onChange({
            tagIds: [
              ...draft.tagIds.filter((id) => props.tags.find((t) => t.id === id)?.isNavigation),
              ...ids,
            ],
          })
        }
      />
      <FieldError id="story-tagIds-error" message={errorOf('tagIds')} />
      <ChoiceList
        legend="Authors"
        options={props.authors.map((a) => ({ id: a.id, label: a.name, note: a.roleTitle }))}
        chosen={draft.authorIds}
        onChange={(ids) => onChange({ authorIds: ids })}
        hint="Bylines appear in the order below."
      />
      <BylineOrder
        authorIds={draft.authorIds}
        nameOf={(id) => props.authors.find((a) => a.id === id)?.name ?? 'Unknown author'}
        onChange={(ids) => onChange({ authorIds: ids })}
      />
      <FieldError id="story-authorIds-error" message={errorOf('authorIds')} />
      <div className="field">
        <label htmlFor="story-visibility">Who can read it</label>
        <select
          id="story-visibility"
          value={draft.visibility}
          onChange={(e) => onChange({ visibility: e.target.value as Visibility })}
        >
          {visibilities.map((v) => (
            <option key={v.value} value={v.value}>
              {v.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="story-excerpt">Excerpt</label>
        <p className="hint" id="story-excerpt-hint">
          For lists and feeds; left empty, the first sentences are used.
        </p>
        <textarea
          id="story-excerpt"
          rows={3}
          value={draft.customExcerpt}
          aria-describedby="story-excerpt-hint"
          {...described('customExcerpt')}
          onChange={(e) => onChange({ customExcerpt: e.target.value })}
        />
        <FieldError id="story-customExcerpt-error" message={errorOf('customExcerpt')} />
      </div>
      {props.mayFeature ? (
        <div className="checks">
          <div>
            <input
              type="checkbox"
              id="story-featured"
              checked={draft.isFeatured}
              onChange={(e) => onChange({ isFeatured: e.target.checked })}
            />
            <label htmlFor="story-featured">Feature on the home page</label>
          </div>
          <div>
            <input
              type="checkbox"
              id="story-breaking"
              checked={draft.isBreaking}
              onChange={(e) => onChange({ isBreaking: e.target.checked })}
            />
            <label htmlFor="story-breaking">Breaking news</label>
          </div>
        </div>
      ) : null}
    </section>
  );
}
