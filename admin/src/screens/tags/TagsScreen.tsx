import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { roleMay } from '@shared/contracts/permissions.js';
import { messageOf } from '../../api.js';
import { queryKeys, tagsQuery } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Tag } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { TagForm } from './TagForm.js';
import { TagList } from './TagList.js';
import { emptyTagValues, splitTags } from './tag-form-values.js';
import './tags.css';

type Creating = 'section' | 'tag' | null;

export function TagsScreen({ api, session }: ScreenProps) {
  const queryClient = useQueryClient();
  const loaded = useQuery(tagsQuery(api));
  const tags = loaded.data ?? null;
  const loadError = loaded.error ? messageOf(loaded.error) : null;
  // A save or delete changes the cached list in place (the story screens' pickers share it).
  const setTags = (update: (current: Tag[]) => Tag[]) =>
    queryClient.setQueryData<Tag[]>(queryKeys.tags, (current) => update(current ?? []));
  const [creating, setCreating] = useState<Creating>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const canManage = roleMay(session.user.role, 'tags.manage');

  /** Says what happened where a screen reader hears it, and puts focus there. */
  const announce = (message: string) => {
    setNotice(message);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  const kindOf = (tag: Tag) => (tag.isNavigation ? 'Section' : 'Tag');

  const saved = (tag: Tag, isNew: boolean) => {
    setTags((current) =>
      isNew ? [...current, tag] : current.map((t) => (t.id === tag.id ? tag : t)),
    );
    setCreating(null);
    setEditingId(null);
    announce(`${kindOf(tag)} “${tag.name}” ${isNew ? 'created' : 'saved'}.`);
  };

  const listProps = {
    api,
    canManage,
    editingId,
    onEdit: (id: string | null) => {
      setCreating(null);
      setNotice(null);
      setEditingId(id);
    },
    onSaved: (tag: Tag) => saved(tag, false),
    onDeleted: (tag: Tag) => {
      setTags((current) => current.filter((t) => t.id !== tag.id));
      announce(`${kindOf(tag)} “${tag.name}” deleted.`);
    },
  };
  const [isInternalOnly, setInternalOnly] = useState(false);
  const shown = tags && isInternalOnly ? tags.filter((t) => t.isInternal) : tags;
  const split = shown ? splitTags(shown) : null;

  return (
    <section aria-labelledby="tags-heading" className="tags-screen">
      <div className="screen-head">
        <h1 id="tags-heading" tabIndex={-1}>
          Sections and tags
        </h1>
        {canManage ? (
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setEditingId(null);
                setNotice(null);
                setCreating('section');
              }}
            >
              New section
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditingId(null);
                setNotice(null);
                setCreating('tag');
              }}
            >
              New tag
            </button>
          </div>
        ) : null}
      </div>
      <p className="lede">
        Sections appear in the site’s navigation; tags group stories without a menu entry.
        {canManage ? null : ' Your role can read them; editors and above change them.'}
      </p>
      {notice ? (
        <p className="success" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      ) : null}
      {creating ? (
        <div className="tag-create">
          <TagForm
            // A new form for each kind, so "New tag" after "New section" starts clean.
            key={creating}
            api={api}
            idPrefix="tag-new"
            heading={creating === 'section' ? 'New section' : 'New tag'}
            initial={emptyTagValues(creating === 'section')}
            onSaved={(tag) => saved(tag, true)}
            onCancel={() => setCreating(null)}
          />
        </div>
      ) : null}
      <label className="tag-filter">
        <input
          type="checkbox"
          checked={isInternalOnly}
          onChange={(event) => setInternalOnly(event.target.checked)}
        />{' '}
        Internal tags only
      </label>
      <FormAlert messages={loadError ? [loadError] : []} />
      {!split ? (
        loadError ? null : (
          <p role="status" className="loading-inline">
            Loading sections and tags…
          </p>
        )
      ) : (
        <div className="tag-columns">
          <section aria-labelledby="sections-heading">
            <h2 id="sections-heading">Sections ({split.sections.length})</h2>
            <TagList kind="section" tags={split.sections} {...listProps} />
          </section>
          <section aria-labelledby="plain-tags-heading">
            <h2 id="plain-tags-heading">Tags ({split.tags.length})</h2>
            <TagList kind="tag" tags={split.tags} {...listProps} />
          </section>
        </div>
      )}
    </section>
  );
}
