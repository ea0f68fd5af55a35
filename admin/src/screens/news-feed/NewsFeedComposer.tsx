import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api.js';
import { meQuery, queryKeys } from '../../query/queries.js';
import type { ScreenProps } from '../../screen-props.js';
import { briefDocument } from './brief-document.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import type { Post } from '../../types.js';
import { roleMay } from '@shared/contracts/permissions.js';
import { postBriefCreateSchema } from '@shared/contracts/post-briefs.js';
import { checkWithSchema } from '../../ui/schema-check.js';
import { reloadPagedLists } from '../../ui/use-paged-list.js';

const fields = ['title', 'body', 'photo', 'alt', 'link'] as const;
type Field = (typeof fields)[number];
type Errors = Partial<Record<Field, string>> & { general?: string[] };

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value);
/**
 * The headline's longest length, read from the API's own schema so the message cannot drift
 * from the rule.
 */
const titleMaxLength = postBriefCreateSchema.shape.title.maxLength;

/** Checks before sending, so the common mistakes need no round trip (the API checks again). */
function validate(
  title: string,
  text: string,
  link: string,
  photo: { file: File | null; alt: string },
): Errors {
  const errors: Errors = {};
  if (photo.file && !photo.file.type.startsWith('image/'))
    errors.photo = 'Choose an image file (JPEG, PNG, WebP, GIF or AVIF).';
  if (photo.file && !photo.alt.trim())
    errors.alt = 'Describe the photo for readers who cannot see it.';
  // The headline's rules are the API's own (the shared schema of POST /posts/briefs).
  if (checkWithSchema(postBriefCreateSchema, { title }).title)
    errors.title = title.trim()
      ? `Keep the headline under ${titleMaxLength} characters.`
      : 'Write a headline.';
  if (!text.trim()) errors.body = 'Write a few sentences.';
  if (link.trim() && !isHttpUrl(link.trim()))
    errors.link = 'The link must start with http:// or https://.';
  return errors;
}

/** The API's field names mapped onto this form's fields (`body.content.0…` is the text). */
function errorsOf(error: unknown): Errors {
  if (!(error instanceof ApiError))
    return { general: [error instanceof Error ? error.message : String(error)] };
  const errors: Errors = {};
  const general: string[] = [];
  for (const item of error.errors) {
    const field = item.field?.split('.')[0];
    if (field === 'title' || field === 'body') errors[field] ??= item.message;
    else if (field === 'file') errors.photo ??= item.message;
    else general.push(item.field ? `${item.field}: ${item.message}` : item.message);
  }
  if (general.length) errors.general = general;
  return errors;
}

export function NewsFeedComposer({ api, session }: ScreenProps) {
  // Contributors cannot publish: their brief goes to an editor for review.
  const mayPublish = roleMay(session.user.role, 'posts.publish.own');
  const [photo, setPhoto] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [credit, setCredit] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [link, setLink] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [published, setPublished] = useState<Post | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const queryClient = useQueryClient();
  const me = useQuery(meQuery(api));
  // undefined while loading; null when the account has no byline (or it could not be read).
  const authorId = me.isPending ? undefined : (me.data?.author?.id ?? null);

  useEffect(() => {
    if (published) successRef.current?.focus();
  }, [published]);

  const focusFirstError = (found: Errors) => {
    requestAnimationFrame(() => {
      const first = fields.find((f) => found[f]);
      (first ? document.getElementById(`brief-${first}`) : alertRef.current)?.focus();
    });
  };

  // Upload the photo (if any), then one call creates the brief and publishes it, or submits it
  // for review when the role may not publish.
  const sending = useMutation({
    mutationFn: async () => {
      let image: Parameters<typeof briefDocument>[2];
      if (photo) {
        const form = new FormData();
        form.append('file', photo);
        form.append('alt', alt.trim());
        if (credit.trim()) form.append('credit', credit.trim());
        const { media } = await api.upload('/media', form);
        image = {
          mediaId: media.id,
          src: media.url,
          alt: alt.trim(),
          width: media.width,
          height: media.height,
          ...(credit.trim() ? { credit: credit.trim() } : {}),
        };
      }
      const body = briefDocument(text, link.trim() ? { href: link.trim() } : undefined, image);
      const { post } = await api.post('/posts/briefs', {
        body: { title: title.trim(), body, ...(authorId ? { authorIds: [authorId] } : {}) },
      });
      return post;
    },
    onSuccess: (post) => {
      void reloadPagedLists(queryClient, queryKeys.stories);
      setPublished(post);
    },
    onError: (caught) => {
      const found = errorsOf(caught);
      setErrors(found);
      focusFirstError(found);
    },
  });
  const busy = sending.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(title, text, link, { file: photo, alt });
    if (Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstError(found);
      return;
    }
    setErrors({});
    sending.mutate();
  };

  const reset = () => {
    setTitle('');
    setText('');
    setLink('');
    setPhoto(null);
    setAlt('');
    setCredit('');
    setErrors({});
    setPublished(null);
    requestAnimationFrame(() => document.getElementById('brief-title')?.focus());
  };

  const describedBy = (field: Field, hint?: string) =>
    [hint, errors[field] ? `brief-${field}-error` : undefined].filter(Boolean).join(' ') ||
    undefined;

  if (published) {
    return (
      <section aria-labelledby="news-feed-heading">
        <h1 id="news-feed-heading" tabIndex={-1} ref={headingRef}>
          News Feed
        </h1>
        <div className="success" role="status" tabIndex={-1} ref={successRef}>
          {published.status === 'published' ? (
            <>
              <p>
                Published: <strong>{published.title}</strong>
              </p>
              <p>
                <a href={published.url} className="brief-link">
                  Read the brief on the site
                </a>
              </p>
            </>
          ) : (
            <p>
              Sent for review: <strong>{published.title}</strong>. An editor will publish it.
            </p>
          )}
        </div>
        <button type="button" onClick={reset}>
          Post another
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="news-feed-heading">
      <h1 id="news-feed-heading" tabIndex={-1} ref={headingRef}>
        News Feed
      </h1>
      <p className="lede">
        A short update for the News Feed: a headline and a few sentences, with a link or a photo if
        you have one.
      </p>
      {authorId === null ? (
        <p className="notice">
          Your account has no byline yet: the brief is posted without one unless the newsroom adds
          it.
        </p>
      ) : null}
      <form className="composer" onSubmit={submit} noValidate aria-busy={busy}>
        <FormAlert messages={errors.general ?? []} alertRef={alertRef} />
        <div className="field">
          <label htmlFor="brief-title">Headline</label>
          <input
            id="brief-title"
            value={title}
            maxLength={titleMaxLength ?? undefined}
            required
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={describedBy('title')}
            onChange={(e) => {
              setTitle(e.target.value);
              if (errors.title) setErrors({ ...errors, title: undefined });
            }}
          />
          <FieldError id="brief-title-error" message={errors.title} />
        </div>
        <div className="field">
          <label htmlFor="brief-body">Text</label>
          <p className="hint" id="brief-body-hint">
            A few sentences. Each line becomes a paragraph.
          </p>
          <textarea
            id="brief-body"
            rows={6}
            value={text}
            required
            aria-invalid={errors.body ? true : undefined}
            aria-describedby={describedBy('body', 'brief-body-hint')}
            onChange={(e) => {
              setText(e.target.value);
              if (errors.body) setErrors({ ...errors, body: undefined });
            }}
          />
          <FieldError id="brief-body-error" message={errors.body} />
        </div>
        <div className="field">
          <label htmlFor="brief-link">Link (optional)</label>
          <p className="hint" id="brief-link-hint">
            A source or a longer story, shown at the end of the brief.
          </p>
          <input
            id="brief-link"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={link}
            aria-invalid={errors.link ? true : undefined}
            aria-describedby={describedBy('link', 'brief-link-hint')}
            onChange={(e) => {
              setLink(e.target.value);
              if (errors.link) setErrors({ ...errors, link: undefined });
            }}
          />
          <FieldError id="brief-link-error" message={errors.link} />
        </div>
        <div className="field">
          <label htmlFor="brief-photo">Photo (optional)</label>
          <input
            id="brief-photo"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            aria-invalid={errors.photo ? true : undefined}
            aria-describedby={describedBy('photo')}
            onChange={(e) => {
              setPhoto(e.target.files?.[0] ?? null);
              if (errors.photo) setErrors({ ...errors, photo: undefined });
            }}
          />
          <FieldError id="brief-photo-error" message={errors.photo} />
        </div>
        {photo ? (
          <>
            <div className="field">
              <label htmlFor="brief-alt">Photo description (alt text)</label>
              <input
                id="brief-alt"
                value={alt}
                maxLength={500}
                aria-invalid={errors.alt ? true : undefined}
                aria-describedby={describedBy('alt')}
                onChange={(e) => {
                  setAlt(e.target.value);
                  if (errors.alt) setErrors({ ...errors, alt: undefined });
                }}
              />
              <FieldError id="brief-alt-error" message={errors.alt} />
            </div>
            <div className="field">
              <label htmlFor="brief-credit">Photo credit (optional)</label>
              <input
                id="brief-credit"
                value={credit}
                maxLength={200}
                onChange={(e) => setCredit(e.target.value)}
              />
            </div>
          </>
        ) : null}
        <div className="actions">
          <button type="submit" disabled={busy || authorId === undefined}>
            {busy ? 'Sending…' : mayPublish ? 'Publish now' : 'Submit for review'}
          </button>
        </div>
      </form>
    </section>
  );
}
