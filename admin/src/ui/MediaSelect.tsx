import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../query/queries.js';
import type { ApiClient } from '../api.js';
import type { Media } from '../types.js';
import { FieldError } from './FieldError.js';
import { imageUrl, mediaName } from './media-urls.js';
import './media-select.css';

/**
 * Picks an image from the library's 100 newest items (plus the current one, however old), with
 * a preview. A plain select: keyboard and screen readers know it; the library screen is where
 * images are searched and uploaded.
 */
export function MediaSelect(props: {
  api: ApiClient;
  id: string;
  label: string;
  hint?: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
}) {
  const { api, value } = props;
  // The current value only matters for the first list: the form's later picks are in it.
  const [firstValue] = useState(value);
  const library = useQuery({
    queryKey: [...queryKeys.media, 'select', firstValue],
    queryFn: async (): Promise<Media[]> => {
      const list = await api.get('/media', { params: { query: { limit: 100 } } });
      if (!firstValue || list.media.some((m) => m.id === firstValue)) return list.media;
      const current = await api.get('/media/{id}', { params: { path: { id: firstValue } } });
      return [current.media, ...list.media];
    },
  });
  const items = library.data ?? [];
  const loadError = library.error ? 'The media library could not be loaded.' : null;

  const chosen = items.find((m) => m.id === value);
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const error = props.error ?? loadError ?? undefined;
  return (
    <div className="field media-select">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      <div className="media-select-row">
        {chosen ? <img src={imageUrl(chosen, 320)} alt="" width={64} height={64} /> : null}
        <select
          id={props.id}
          value={value ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [hintId, error ? `${props.id}-error` : undefined].filter(Boolean).join(' ') || undefined
          }
          onChange={(e) => props.onChange(e.target.value || null)}
        >
          <option value="">No image</option>
          {items.map((m) => (
            <option key={m.id} value={m.id}>
              {mediaName(m)}
            </option>
          ))}
        </select>
      </div>
      <FieldError id={`${props.id}-error`} message={error} />
    </div>
  );
}
