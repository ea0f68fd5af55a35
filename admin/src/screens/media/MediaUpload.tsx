import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Media } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { fieldId, formErrorsOf, noErrors } from '../../ui/form-errors.js';
import { useFormErrors } from '../../ui/use-form-errors.js';
import { TextField } from '../../ui/TextField.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

const fields = ['file', 'alt', 'caption', 'credit'] as const;
/** The server's limit (src/features/media/media-item.ts); checked here to spare the upload. */
const maxBytes = 20 * 1024 * 1024;

type Outcome = { media: Media; isDuplicate: boolean };

/** Upload one image, by the file picker or by dropping it on the zone, with optional text. */
export function MediaUpload(props: { api: ApiClient; onUploaded: (media: Media) => void }) {
  const clock = useNewsroomClock();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const { errors, setErrors, alertRef, fail } = useFormErrors(fields, (f) => fieldId('upload', f));
  const [isDragging, setIsDragging] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A new key empties the file input after an upload (its value cannot be set from script).
  const [inputKey, setInputKey] = useState(0);
  const outcomeRef = useRef<HTMLDivElement>(null);

  // A local preview of the chosen file; the object URL is released when the file changes.
  const previewUrl = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(
    () => () => {
      if (previewUrl) URL.revokeObjectURL(previewUrl);
    },
    [previewUrl],
  );

  const choose = (chosen: File | undefined) => {
    setOutcome(null);
    setErrors(noErrors);
    setFile(chosen ?? null);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const upload = useMutation({
    mutationFn: (form: FormData) => props.api.upload('/media', form),
    onSuccess: (answer) => {
      setOutcome(answer);
      props.onUploaded(answer.media);
      setFile(null);
      setAlt('');
      setCaption('');
      setCredit('');
      setInputKey((k) => k + 1);
      requestAnimationFrame(() => outcomeRef.current?.focus());
    },
    onError: (caught) => fail(formErrorsOf(caught, fields, { asSentences: true })),
  });
  const isBusy = upload.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return fail({ fields: { file: 'Choose an image to upload.' }, general: [] });
    if (file.size > maxBytes)
      return fail({ fields: { file: 'The file is larger than 20 MB.' }, general: [] });
    setErrors(noErrors);
    const form = new FormData();
    if (alt.trim()) form.append('alt', alt.trim());
    if (caption.trim()) form.append('caption', caption.trim());
    if (credit.trim()) form.append('credit', credit.trim());
    form.append('file', file, file.name);
    upload.mutate(form);
  };

  return (
    <form
      className="media-upload"
      aria-labelledby="media-upload-heading"
      onSubmit={submit}
      noValidate
      aria-busy={isBusy}
    >
      <h2 id="media-upload-heading">Upload an image</h2>
      <FormAlert messages={errors.general} alertRef={alertRef} />
      {outcome ? (
        <div
          className={outcome.isDuplicate ? 'notice' : 'success'}
          role="status"
          tabIndex={-1}
          ref={outcomeRef}
        >
          {outcome.isDuplicate ? (
            <p>
              This image is already in the library (uploaded {clock.date(outcome.media.createdAt)}{' '}
              as {outcome.media.originalName}): no copy was made, and the existing item is shown
              first below.
            </p>
          ) : (
            <p>Uploaded {outcome.media.originalName}. It is first in the library below.</p>
          )}
        </div>
      ) : null}
      <div className="upload-body">
        <div
          className={`dropzone${isDragging ? ' is-dragging' : ''}`}
          onDragEnter={(e) => {
            e.preventDefault();
            setIsDragging(true);
          }}
          onDragOver={(e) => e.preventDefault()}
          onDragLeave={() => setIsDragging(false)}
          onDrop={onDrop}
        >
          <div className="field">
            <label htmlFor="upload-file">Image file</label>
            <p className="hint" id="upload-file-hint">
              JPEG, PNG, GIF, WebP or AVIF up to 20 MB. Choose a file or drop it here.
            </p>
            <input
              key={inputKey}
              id="upload-file"
              type="file"
              accept="image/jpeg,image/png,image/gif,image/webp,image/avif"
              aria-invalid={errors.fields.file ? true : undefined}
              aria-describedby={
                ['upload-file-hint', errors.fields.file ? 'upload-file-error' : '']
                  .filter(Boolean)
                  .join(' ') || undefined
              }
              onChange={(e) => choose(e.target.files?.[0])}
            />
            <FieldError id="upload-file-error" message={errors.fields.file} />
            {file && !isBusy ? <p className="chosen">Ready to upload: {file.name}</p> : null}
            {previewUrl ? <img className="upload-preview" src={previewUrl} alt="" /> : null}
          </div>
        </div>
        <div className="upload-meta">
          <TextField
            id="upload-alt"
            label="Alt text (optional)"
            hint="What the image shows, for readers who cannot see it."
            value={alt}
            maxLength={500}
            error={errors.fields.alt}
            onChange={setAlt}
          />
          <TextField
            id="upload-caption"
            label="Caption (optional)"
            value={caption}
            maxLength={1000}
            error={errors.fields.caption}
            onChange={setCaption}
          />
          <TextField
            id="upload-credit"
            label="Credit (optional)"
            hint="Photographer or agency."
            value={credit}
            maxLength={200}
            error={errors.fields.credit}
            onChange={setCredit}
          />
        </div>
      </div>
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Uploading…' : 'Upload'}
        </button>
      </div>
    </form>
  );
}
