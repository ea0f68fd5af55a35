import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { mediaItemQuery, queryKeys } from '../../query/queries.js';
import type { Profile } from '../../types.js';
import { FieldError } from '../../ui/FieldError.js';
import { imageUrl } from '../../ui/media-urls.js';

/**
 * The byline photo: a new file is uploaded to the media library, then set as the avatar at
 * once (a photo that waits for a separate Save is easy to lose).
 */
export function AvatarSection(props: {
  api: ApiClient;
  profile: Profile;
  onSaved: (profile: Profile) => void;
}) {
  const { api } = props;
  const avatarId = props.profile.author?.avatarMediaId ?? null;
  const queryClient = useQueryClient();
  const current = useQuery({ ...mediaItemQuery(api, avatarId ?? ''), enabled: avatarId !== null });
  // A photo that cannot be read shows as none, as before it was set.
  const avatar = avatarId !== null && current.data ? current.data : null;
  const [status, setStatus] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  /** A new photo (uploaded first, then set) or, with no file, none. */
  const change = useMutation({
    mutationFn: async (file: File | null) => {
      let id: string | null = null;
      if (file) {
        const form = new FormData();
        form.append('alt', props.profile.user.name);
        form.append('file', file, file.name);
        id = (await api.upload('/media', form)).media.id;
        // The photo is in the media library now, too.
        void queryClient.invalidateQueries({ queryKey: queryKeys.media });
      }
      return api.patch('/me', { body: { avatarMediaId: id } });
    },
    onMutate: () => setStatus(null),
    onSuccess: (profile, file) => {
      props.onSaved(profile);
      setStatus(file ? 'Photo updated.' : 'Photo removed.');
    },
    onError: (_caught, file) => {
      if (file) requestAnimationFrame(() => inputRef.current?.focus());
    },
    onSettled: (_answer, _caught, file) => {
      if (file) setInputKey((k) => k + 1);
    },
  });
  const isBusy = change.isPending;
  const error = change.error ? messageOf(change.error) : null;

  if (!props.profile.author) return null;
  return (
    <section className="profile-card avatar-section" aria-labelledby="avatar-heading">
      <h2 id="avatar-heading">Photo</h2>
      <div className="avatar-row">
        {avatar ? (
          <img
            className="avatar"
            src={imageUrl(avatar, 320)}
            alt="Your current photo"
            width={96}
            height={96}
          />
        ) : (
          <div className="avatar avatar-empty" aria-hidden="true">
            {props.profile.user.name.slice(0, 1).toUpperCase()}
          </div>
        )}
        <div className="avatar-controls">
          <div className="field">
            <label htmlFor="avatar-file">{avatar ? 'Replace photo' : 'Upload a photo'}</label>
            <p className="hint" id="avatar-file-hint">
              A square image of at least 320 pixels works best. It is saved as soon as it is
              uploaded.
            </p>
            <input
              key={inputKey}
              ref={inputRef}
              id="avatar-file"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/avif"
              disabled={isBusy}
              aria-invalid={error ? true : undefined}
              aria-describedby={['avatar-file-hint', error ? 'avatar-file-error' : '']
                .filter(Boolean)
                .join(' ')}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) change.mutate(file);
              }}
            />
            <FieldError id="avatar-file-error" message={error ?? undefined} />
          </div>
          {avatarId ? (
            <button
              type="button"
              className="secondary"
              disabled={isBusy}
              onClick={() => change.mutate(null)}
            >
              Remove photo
            </button>
          ) : null}
        </div>
      </div>
      <p role="status" className={isBusy || status ? 'avatar-status' : 'visually-hidden'}>
        {isBusy ? 'Uploading…' : (status ?? '')}
      </p>
    </section>
  );
}
