import { useEffect, useId, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { Media } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import type { LeadImageDraft } from './story-draft.js';

/** The photo at the top of the story: upload one, then its alt text, caption and credit. */
export function LeadImagePanel(props: {
  api: ApiClient;
  value: LeadImageDraft | null;
  onChange: (value: LeadImageDraft | null) => void;
}) {
  const { api, value, onChange } = props;
  const id = useId();
  const [media, setMedia] = useState<Media | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!value?.mediaId || media?.id === value.mediaId) return;
    let cancelled = false;
    api.get('/media/{id}', { params: { path: { id: value.mediaId } } }).then(
      (answer) => !cancelled && setMedia(answer.media),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, value?.mediaId, media?.id]);

  const upload = async (file: File) => {
    setBusy(true);
    setProblem(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const answer = await api.upload('/media', form);
      setMedia(answer.media);
      onChange({
        mediaId: answer.media.id,
        alt: value?.alt || answer.media.alt,
        caption: value?.caption || answer.media.caption,
        credit: value?.credit || answer.media.credit,
      });
    } catch (caught) {
      setProblem(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const text = (field: 'alt' | 'caption' | 'credit', label: string, hint?: string) =>
    value ? (
      <div className="field">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        {hint ? (
          <p className="hint" id={`${id}-${field}-hint`}>
            {hint}
          </p>
        ) : null}
        <input
          id={`${id}-${field}`}
          value={value[field]}
          aria-describedby={hint ? `${id}-${field}-hint` : undefined}
          onChange={(e) => onChange({ ...value, [field]: e.target.value })}
        />
      </div>
    ) : null;

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Lead image</h2>
      <FormAlert messages={problem ? [problem] : []} />
      {value && media ? (
        <img
          className="lead-preview"
          src={media.url}
          alt=""
          width={media.width}
          height={media.height}
        />
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-file`}>
          {value ? 'Replace the lead image' : 'Upload a lead image'}
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
            e.target.value = '';
          }}
        />
        {busy ? <p role="status">Uploading…</p> : null}
      </div>
      {text('alt', 'Lead image alt text', 'What the photo shows, for readers who cannot see it.')}
      {text('caption', 'Lead image caption')}
      {text('credit', 'Lead image credit')}
      {value ? (
        <button type="button" className="secondary" onClick={() => onChange(null)}>
          Remove the lead image
        </button>
      ) : null}
    </section>
  );
}
