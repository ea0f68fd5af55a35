import { useEffect, useRef, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { Media, Profile } from '../../types.js';
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
  const [avatar, setAvatar] = useState<Media | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!avatarId) {
      setAvatar(null);
      return;
    }
    let cancelled = false;
    api.get('/media/{id}', { params: { path: { id: avatarId } } }).then(
      (answer) => !cancelled && setAvatar(answer.media),
      () => !cancelled && setAvatar(null),
    );
    return () => {
      cancelled = true;
    };
  }, [api, avatarId]);

  const setAvatarId = async (id: string | null, message: string) => {
    const profile = await api.patch('/me', { body: { avatarMediaId: id } });
    props.onSaved(profile);
    setStatus(message);
  };

  const upload = async (file: File) => {
    setIsBusy(true);
    setError(null);
    setStatus(null);
    try {
      const form = new FormData();
      form.append('alt', props.profile.user.name);
      form.append('file', file, file.name);
      const { media } = await api.upload('/media', form);
      await setAvatarId(media.id, 'Photo updated.');
    } catch (caught) {
      setError(messageOf(caught));
      requestAnimationFrame(() => inputRef.current?.focus());
    } finally {
      setIsBusy(false);
      setInputKey((k) => k + 1);
    }
  };

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
                if (file) void upload(file);
              }}
            />
            <FieldError id="avatar-file-error" message={error ?? undefined} />
          </div>
          {avatarId ? (
            <button
              type="button"
              className="secondary"
              disabled={isBusy}
              onClick={() => {
                setIsBusy(true);
                setError(null);
                setAvatarId(null, 'Photo removed.')
                  .catch((caught: unknown) => setError(messageOf(caught)))
                  .finally(() => setIsBusy(false));
              }}
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
