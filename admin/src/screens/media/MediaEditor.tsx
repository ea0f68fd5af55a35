import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Media } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { ConfirmAction } from '../../ui/ConfirmAction.js';
import {
  fieldId,
  focusFirstProblem,
  type FormErrors,
  formErrorsOf,
  noErrors,
  problemIds,
} from '../../ui/form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { formatBytes, imageUrl, mediaName } from '../../ui/media-urls.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

const fields = ['alt', 'caption', 'credit'] as const;

/**
 * One item's details: a larger preview and its facts, and for roles with media.edit the alt
 * text, caption and credit, and deletion.
 */
export function MediaEditor(props: {
  api: ApiClient;
  media: Media;
  canEdit: boolean;
  onSaved: (media: Media) => void;
  onDeleted: (id: string) => void;
  onClose: () => void;
}) {
  const { media } = props;
  const clock = useNewsroomClock();
  const [alt, setAlt] = useState(media.alt);
  const [caption, setCaption] = useState(media.caption);
  const [credit, setCredit] = useState(media.credit);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // Opening an item (or another one) takes focus to the panel, so the keyboard follows the eye.
  useEffect(() => {
    headingRef.current?.focus();
  }, [media.id]);

  const save = useMutation({
    mutationFn: (body: { alt: string; caption: string; credit: string }) =>
      props.api.patch('/media/{id}', { params: { path: { id: media.id } }, body }),
    onSuccess: (answer) => {
      props.onSaved(answer.media);
      setSavedAt(new Date().toISOString());
    },
    onError: (caught) => {
      const found = formErrorsOf(caught, fields, { asSentences: true });
      setErrors(found);
      focusFirstProblem(
        problemIds(found, fields, (f) => fieldId('media-edit', f)),
        alertRef.current,
      );
    },
  });
  const isBusy = save.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors(noErrors);
    setSavedAt(null);
    save.mutate({ alt: alt.trim(), caption: caption.trim(), credit: credit.trim() });
  };

  return (
    <section className="media-editor" aria-labelledby="media-editor-heading">
      <div className="screen-head">
        <h2 id="media-editor-heading" tabIndex={-1} ref={headingRef}>
          {props.canEdit ? 'Edit image details' : 'Image details'}
        </h2>
        <button type="button" className="secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
      <img
        className="media-preview"
        src={imageUrl(media, 640)}
        alt={media.alt}
        width={media.width}
        height={media.height}
      />
      <dl className="media-facts">
        <dt>File</dt>
        <dd>{media.originalName || '—'}</dd>
        <dt>Size</dt>
        <dd>
          {media.width} × {media.height} px, {formatBytes(media.bytes)}
        </dd>
        <dt>Uploaded</dt>
        <dd>{clock.dateTime(media.createdAt)}</dd>
        <dt>Address</dt>
        <dd>
          <a href={media.url}>{media.url}</a>
        </dd>
      </dl>
      {props.canEdit ? (
        <form onSubmit={submit} noValidate aria-busy={isBusy}>
          <FormAlert messages={errors.general} alertRef={alertRef} />
          <TextField
            id="media-edit-alt"
            label="Alt text"
            hint="What the image shows, for readers who cannot see it."
            rows={2}
            maxLength={500}
            value={alt}
            error={errors.fields.alt}
            onChange={setAlt}
          />
          <TextField
            id="media-edit-caption"
            label="Caption"
            rows={3}
            maxLength={1000}
            value={caption}
            error={errors.fields.caption}
            onChange={setCaption}
          />
          <TextField
            id="media-edit-credit"
            label="Credit"
            maxLength={200}
            value={credit}
            error={errors.fields.credit}
            onChange={setCredit}
          />
          {savedAt ? (
            <p className="success" role="status">
              Saved.
            </p>
          ) : null}
          <div className="actions media-editor-actions">
            <button type="submit" disabled={isBusy}>
              {isBusy ? 'Saving…' : 'Save details'}
            </button>
            <ConfirmAction
              label="Delete"
              accessibleLabel={`Delete ${mediaName(media)}`}
              question={
                <>Delete this image for good? Stories, sections and bylines that use it lose it.</>
              }
              confirmLabel="Delete image"
              onConfirm={async () => {
                await props.api.del('/media/{id}', { params: { path: { id: media.id } } });
                props.onDeleted(media.id);
              }}
            />
          </div>
        </form>
      ) : (
        <dl className="media-facts">
          <dt>Alt text</dt>
          <dd>{media.alt || '—'}</dd>
          <dt>Caption</dt>
          <dd>{media.caption || '—'}</dd>
          <dt>Credit</dt>
          <dd>{media.credit || '—'}</dd>
        </dl>
      )}
    </section>
  );
}
