import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Newsletter } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { describedBy } from '../../ui/form-errors.js';
import {
  checkTestAddresses,
  maxTestAddresses,
  testAddressesOf,
  testSendProblem,
} from '../story/test-send.js';
import { StoryPicker, type PickedStory } from './StoryPicker.js';

interface Problems {
  story?: string | undefined;
  addresses?: string | undefined;
  general?: string | undefined;
}

/**
 * "Send a test" on a newsletter: a story (published or draft) as this list would send it,
 * marked [Test], to up to five staff addresses (the signed-in person's by default), through
 * `POST /newsletters/{id}/test`. Nothing is recorded for members; the story's own email is not
 * touched. The API's refusals are shown where they belong: an address under the field, the rest
 * (no mail server, an archived list) in the alert.
 */
export function NewsletterTestSend(props: {
  api: ApiClient;
  newsletter: Newsletter;
  userEmail: string;
  onClose: () => void;
}) {
  const { newsletter } = props;
  const id = useId();
  const [story, setStory] = useState<PickedStory | null>(null);
  const [to, setTo] = useState(props.userEmail);
  const [problem, setProblem] = useState<Problems>({});
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const pickerRef = useRef<HTMLDivElement>(null);

  const sending = useMutation({
    mutationFn: async (input: { story: PickedStory; addresses: string[] }) => {
      const { sent } = await props.api.post('/newsletters/{id}/test', {
        params: { path: { id: newsletter.id } },
        body: { postId: input.story.id, emails: input.addresses },
      });
      return { sent, ...input };
    },
    onMutate: () => {
      setProblem({});
      setStatus('');
    },
    onSuccess: ({ sent, addresses, story: sentStory }) => {
      setStatus(
        sent === addresses.length
          ? `Test of “${sentStory.title}” sent to ${addresses.join(', ')}. It arrives marked [Test].`
          : `Test of “${sentStory.title}” sent to ${sent} of ${addresses.length} addresses: the mail server refused the rest.`,
      );
    },
    onError: (caught, { addresses }) => {
      const found = testSendProblem(caught, addresses);
      setProblem(found);
      requestAnimationFrame(() => (found.addresses ? inputRef.current : alertRef.current)?.focus());
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const addresses = testAddressesOf(to);
    const found: Problems = {
      story: story ? undefined : 'Choose the story to send.',
      addresses: checkTestAddresses(addresses),
    };
    if (found.story || found.addresses || !story) {
      setProblem(found);
      setStatus('');
      if (found.story) pickerRef.current?.querySelector('input')?.focus();
      else inputRef.current?.focus();
      return;
    }
    sending.mutate({ story, addresses });
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form
      className="newsletter-test-send"
      onSubmit={submit}
      noValidate
      aria-busy={sending.isPending}
      aria-label={`Send a test of ${newsletter.name}`}
    >
      <h3>Send a test of {newsletter.name}</h3>
      <FormAlert messages={problem.general ? [problem.general] : []} alertRef={alertRef} />
      <div ref={pickerRef}>
        <StoryPicker
          api={props.api}
          picked={story}
          onPick={(picked) => {
            setStory(picked);
            setProblem((current) => ({ ...current, story: undefined }));
          }}
          problem={problem.story}
          problemId={`${id}-story-error`}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>Send the test to</label>
        <p className="hint" id={hintId}>
          Up to {maxTestAddresses} addresses, separated by commas or new lines. It is sent as{' '}
          {newsletter.name} sends it, marked [Test]; no member gets it.
        </p>
        <textarea
          id={`${id}-to`}
          ref={inputRef}
          rows={2}
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          value={to}
          aria-invalid={problem.addresses ? true : undefined}
          aria-describedby={describedBy(hintId, problem.addresses && errorId)}
          onChange={(e) => setTo(e.target.value)}
        />
        <FieldError id={errorId} message={problem.addresses} />
      </div>
      <div className="actions">
        <button type="submit" disabled={sending.isPending}>
          {sending.isPending ? 'Sending…' : 'Send test'}
        </button>
        <button type="button" className="secondary" onClick={props.onClose}>
          Close<span className="visually-hidden"> the test of {newsletter.name}</span>
        </button>
      </div>
      <p role="status" className="newsletter-test-status">
        {status}
      </p>
    </form>
  );
}
