import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { authorsQuery, queryKeys } from '../../query/queries.js';
import type { Author } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { AuthorForm } from './AuthorForm.js';
import { emptyAuthorValues, valuesOfAuthor } from './author-form-values.js';

const editButtonId = (id: string) => `author-edit-${id}`;

/** Bylines: staff profiles and desk or guest bylines; editors and above create and edit them. */
export function AuthorsSection(props: { api: ApiClient; canManage: boolean }) {
  const { api, canManage } = props;
  const queryClient = useQueryClient();
  const loaded = useQuery(authorsQuery(api));
  const authors = loaded.data ?? null;
  const loadError = loaded.error ? messageOf(loaded.error) : null;
  /** The byline being edited by id, `new` for the create form, or null. */
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const saved = (author: Author) => {
    // The story screens' byline pickers read the same list.
    queryClient.setQueryData<Author[]>(queryKeys.authors, (current) =>
      current?.some((a) => a.id === author.id)
        ? current.map((a) => (a.id === author.id ? author : a))
        : [...(current ?? []), author],
    );
    // A staff member's own byline is part of their profile.
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    setNotice(`Byline “${author.name}” ${editing === 'new' ? 'created' : 'saved'}.`);
    setEditing(null);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };

  const cancel = (id: string | null) => {
    setEditing(null);
    if (id) requestAnimationFrame(() => document.getElementById(editButtonId(id))?.focus());
  };

  return (
    <section aria-labelledby="bylines-heading" className="bylines">
      <div className="screen-head">
        <h2 id="bylines-heading">Bylines</h2>
        {canManage ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setNotice(null);
              setEditing('new');
            }}
          >
            New byline
          </button>
        ) : null}
      </div>
      <p className="lede">
        The names on stories. Each staff member has one; desks and guest writers can have their own.
      </p>
      {notice ? (
        <p className="success" role="status" tabIndex={-1} ref={noticeRef}>
          {notice}
        </p>
      ) : null}
      {editing === 'new' ? (
        <div className="panel">
          <AuthorForm
            api={api}
            idPrefix="author-new"
            heading="New byline"
            initial={emptyAuthorValues}
            onSaved={saved}
            onCancel={() => cancel(null)}
          />
        </div>
      ) : null}
      <FormAlert messages={loadError ? [loadError] : []} />
      {!authors ? (
        loadError ? null : (
          <p role="status" className="loading-inline">
            Loading bylines…
          </p>
        )
      ) : (
        <ul className="byline-list">
          {authors.map((author) =>
            editing === author.id ? (
              <li key={author.id} className="panel">
                <AuthorForm
                  api={api}
                  idPrefix={`author-${author.id}`}
                  heading={`Edit “${author.name}”`}
                  initial={valuesOfAuthor(author)}
                  author={author}
                  onSaved={saved}
                  onCancel={() => cancel(author.id)}
                />
              </li>
            ) : (
              <li key={author.id} className="byline-row">
                <div>
                  <h3>{author.name}</h3>
                  <p className="meta">
                    {author.roleTitle ? <span>{author.roleTitle}</span> : null}
                    <span className="badge">
                      {author.isDesk ? 'Desk' : author.userId ? 'Staff' : 'Guest'}
                    </span>
                    <a href={`/author/${author.slug}/`}>/author/{author.slug}/</a>
                  </p>
                </div>
                {canManage ? (
                  <button
                    type="button"
                    className="secondary"
                    id={editButtonId(author.id)}
                    aria-label={`Edit byline ${author.name}`}
                    onClick={() => {
                      setNotice(null);
                      setEditing(author.id);
                    }}
                  >
                    Edit
                  </button>
                ) : null}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
