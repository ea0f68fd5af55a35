import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { FieldError } from '../../ui/FieldError.js';
import { describedBy } from '../../ui/form-errors.js';
import { queryKeys } from '../../query/queries.js';

/**
 * The logo: upload an image to the media library (its URL becomes the logo) or write an
 * address. The change is saved with the rest of the form.
 */
export function LogoField(props: {
  api: ApiClient;
  value: string;
  siteName: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);

  const uploading = useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('alt', `${props.siteName} logo`);
      form.append('file', file);
      return (await props.api.upload('/media', form)).media;
    },
    onMutate: () => setStatus('Uploading…'),
    onSuccess: (media) => {
      // The logo is in the media library now, too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.media });
      props.onChange(media.url);
      setStatus('Uploaded. Save the settings to use it as the logo.');
    },
    onError: () => setStatus(''),
    onSettled: () => {
      if (fileRef.current) fileRef.current.value = '';
    },
  });
  const isUploading = uploading.isPending;
  const uploadError = uploading.error ? messageOf(uploading.error) : undefined;

  const logo = props.value.trim();
  return (
    <div className="logo-field">
      <div className="logo-preview">
        {logo ? (
          <img src={logo} alt="Logo preview" />
        ) : (
          <p className="empty">No logo: the header shows the site name.</p>
        )}
      </div>
      <div className="field">
        <label htmlFor="settings-logoFile">Upload a logo</label>
        <p className="hint" id="settings-logoFile-hint">
          PNG, JPEG, WebP or SVG; about 40 pixels high on the site.
        </p>
        <input
          ref={fileRef}
          type="file"
          id="settings-logoFile"
          accept="image/*"
          disabled={isUploading}
          aria-invalid={uploadError ? true : undefined}
          aria-describedby={describedBy(
            'settings-logoFile-hint',
            uploadError && 'settings-logoFile-error',
          )}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) uploading.mutate(file);
          }}
        />
        <FieldError id="settings-logoFile-error" message={uploadError} />
        <p className="hint" role="status">
          {status}
        </p>
      </div>
      <div className="field">
        <label htmlFor="settings-logoUrl">Logo address</label>
        <input
          id="settings-logoUrl"
          value={props.value}
          maxLength={500}
          inputMode="url"
          placeholder="https:// or /media/…"
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(props.error && 'settings-logoUrl-error')}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <FieldError id="settings-logoUrl-error" message={props.error} />
      </div>
      {logo ? (
        <button type="button" className="secondary" onClick={() => props.onChange('')}>
          Remove the logo
        </button>
      ) : null}
    </div>
  );
}
