import type { ApiClient } from '../../api.js';
import type { Tag } from '../../types.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import { TagForm } from './TagForm.js';
import { valuesOfTag } from './tag-form-values.js';

export const editButtonId = (id: string) => `tag-edit-${id}`;

/** One list (sections or tags): each row reads, or turns into its edit form. */
export function TagList(props: {
  api: ApiClient;
  kind: 'section' | 'tag';
  tags: Tag[];
  canManage: boolean;
  editingId: string | null;
  onEdit: (id: string | null) => void;
  onSaved: (tag: Tag) => void;
  onDeleted: (tag: Tag) => void;
}) {
  if (props.tags.length === 0)
    return (
      <p className="empty">{props.kind === 'section' ? 'No sections yet.' : 'No tags yet.'}</p>
    );
  return (
    <ul className="tag-list">
      {props.tags.map((tag) =>
        tag.id === props.editingId ? (
          <li key={tag.id} className="tag-row is-editing">
            <TagForm
              api={props.api}
              idPrefix={`tag-${tag.id}`}
              heading={`Edit “${tag.name}”`}
              initial={valuesOfTag(tag)}
              tag={tag}
              onSaved={props.onSaved}
              onCancel={() => {
                props.onEdit(null);
                requestAnimationFrame(() => document.getElementById(editButtonId(tag.id))?.focus());
              }}
            />
          </li>
        ) : (
          <li key={tag.id} className="tag-row">
            <div className="tag-summary">
              <h3>{tag.name}</h3>
              <p className="meta">
                {tag.isInternal ? (
                  <span className="badge badge-internal" title="Never shown to readers">
                    Internal
                  </span>
                ) : (
                  <a href={`/tag/${tag.slug}/`}>/tag/{tag.slug}/</a>
                )}
                {tag.isNavigation && tag.navigationOrder !== null ? (
                  <span className="badge">Place {tag.navigationOrder}</span>
                ) : null}
                {tag.imageMediaId ? <span className="badge">Has image</span> : null}
              </p>
              {tag.description ? <p className="tag-description">{tag.description}</p> : null}
            </div>
            {props.canManage ? (
              <div className="actions tag-actions">
                <button
                  type="button"
                  className="secondary"
                  id={editButtonId(tag.id)}
                  aria-label={`Edit ${tag.name}`}
                  onClick={() => props.onEdit(tag.id)}
                >
                  Edit
                </button>
                <ConfirmAction
                  label="Delete"
                  accessibleLabel={`Delete ${tag.name}`}
                  question={`Delete the ${props.kind} “${tag.name}”? Stories that carry it lose it; this cannot be undone.`}
                  confirmLabel={`Delete ${props.kind}`}
                  onConfirm={async () => {
                    await props.api.del('/tags/{id}', { params: { path: { id: tag.id } } });
                    props.onDeleted(tag);
                  }}
                />
              </div>
            ) : null}
          </li>
        ),
      )}
    </ul>
  );
}
