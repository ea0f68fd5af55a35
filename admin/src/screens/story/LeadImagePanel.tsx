import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { mediaItemQuery } from '../../query/queries.js';
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
  const queryClient = useQueryClient();
  // The photo's file for the preview. It never changes for a given id, so it is read once; a
  // failed read only leaves the preview out (the fields still show).
  const shown = useQuery({
    ...mediaItemQuery(api, value?.mediaId ?? ''),
    enabled: Boolean(value?.mediaId),
    staleTime: Infinity,
  });
  const media = shown.data ?? null;
  const uploading = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return (await api.upload('/media', form)).media;
    },
    onSuccess: (uploaded) => {
      // The upload's answer is the preview: no second request for it.
      queryClient.setQueryData(mediaItemQuery(api, uploaded.id).queryKey, uploaded);
      onChange({
        mediaId: uploaded.id,
        alt: value?.alt || uploaded.alt,
        caption: value?.caption || uploaded.caption,
        credit: value?.credit || uploaded.credit,
      });
    },
  });
  const busy = uploading.isPending;
  const problem = uploading.error ? messageOf(uploading.error) : null;

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
            if (file) uploading.mutate(file);
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
