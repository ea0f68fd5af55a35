// The fast composer of a live page: plain text (one paragraph per line), an optional photo sent
// through the media upload, "Key event" and "Pin". Posting clears the box and keeps focus in it,
// so the next update can be typed at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import { CheckField } from '../../ui/CheckField.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { briefDocument } from '../news-feed/brief-document.js';
import { liveKeys } from './live-queries.js';

type Image = Parameters<typeof briefDocument>[2];

export function LiveComposer({ api, postId }: { api: ApiClient; postId: string }) {
  const [text, setText] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [keyEvent, setKeyEvent] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [problem, setProblem] = useState<{ field?: 'text' | 'alt'; message: string } | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const queryClient = useQueryClient();

  const posting = useMutation({
    mutationFn: async () => {
      let image: Image;
      if (photo) {
        const form = new FormData();
        form.append('file', photo);
        form.append('alt', alt.trim());
        const { media } = await api.upload('/media', form);
        image = {
          mediaId: media.id,
          src: media.url,
          alt: alt.trim(),
          width: media.width,
          height: media.height,
        };
      }
      return api.post('/posts/{id}/updates', {
        params: { path: { id: postId } },
        body: { body: briefDocument(text, undefined, image), keyEvent, pinned },
      });
    },
    onSuccess: () => {
      setText('');
      setPhoto(null);
      setAlt('');
      setKeyEvent(false);
      setPinned(false);
      setFileKey((k) => k + 1);
      setProblem(null);
      textRef.current?.focus();
      void queryClient.invalidateQueries({ queryKey: liveKeys.updates(postId) });
    },
    onError: (caught) => setProblem({ message: messageOf(caught) }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setProblem({ field: 'text', message: 'Write the update first.' });
      textRef.current?.focus();
      return;
    }
    if (photo && !alt.trim()) {
      setProblem({ field: 'alt', message: 'Describe the photo for readers who cannot see it.' });
      document.getElementById('live-alt')?.focus();
      return;
    }
    posting.mutate();
  };

  return (
    <form
      className="composer live-composer"
      onSubmit={submit}
      noValidate
      aria-busy={posting.isPending}
    >
      <FormAlert messages={problem && !problem.field ? [problem.message] : []} />
      <div className="field">
        <label htmlFor="live-text">New update</label>
        <p className="hint" id="live-text-hint">
          Each line becomes a paragraph.
        </p>
        <textarea
          id="live-text"
          ref={textRef}
          rows={5}
          value={text}
          aria-invalid={problem?.field === 'text' ? true : undefined}
          aria-describedby={
            problem?.field === 'text' ? 'live-text-hint live-text-error' : 'live-text-hint'
          }
          onChange={(e) => setText(e.target.value)}
        />
        <FieldError
          id="live-text-error"
          message={problem?.field === 'text' ? problem.message : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="live-photo">Photo (optional)</label>
        <input
          key={fileKey}
          id="live-photo"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
        />
      </div>
      {photo ? (
        <div className="field">
          <label htmlFor="live-alt">Photo description (alt text)</label>
          <input
            id="live-alt"
            value={alt}
            maxLength={500}
            aria-invalid={problem?.field === 'alt' ? true : undefined}
            onChange={(e) => setAlt(e.target.value)}
          />
          <FieldError
            id="live-alt-error"
            message={problem?.field === 'alt' ? problem.message : undefined}
          />
        </div>
      ) : null}
      <div className="live-flags">
        <CheckField
          id="live-key-event"
          label="Key event"
          checked={keyEvent}
          onChange={setKeyEvent}
        />
        <CheckField id="live-pin" label="Pin" checked={pinned} onChange={setPinned} />
      </div>
      <div className="actions">
        <button type="submit" disabled={posting.isPending}>
          {posting.isPending ? 'Posting…' : 'Post'}
        </button>
      </div>
    </form>
  );
}
