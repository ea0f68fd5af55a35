import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import type { Newsletter, Post } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { describedBy } from '../../ui/form-errors.js';
import {
  checkTestAddresses,
  maxTestAddresses,
  testAddressesOf,
  testSendProblem,
} from './test-send.js';

/**
 * "Send a test": the story as a newsletter would send it, marked [Test], to a few staff
 * addresses (the signed-in person's by default). The story is saved first, so the test shows
 * what is on screen. Nothing is recorded for members and the story's own email is not touched.
 */
export function TestSend(props: {
  api: ApiClient;
  /** The active lists; the one chosen for the story's email first. */
  newsletters: readonly Newsletter[];
  newsletterId: string | undefined;
  userEmail: string;
  flush: () => Promise<Post | null>;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const [to, setTo] = useState(props.userEmail);
  const [listId, setListId] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ addresses?: string; general?: string }>({});
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const id = useId();
  const list =
    props.newsletters.find((n) => n.id === (listId ?? props.newsletterId)) ?? props.newsletters[0];

  const sending = useMutation({
    mutationFn: async (addresses: string[]) => {
      const saved = await props.flush();
      if (!saved || !list) return null;
      const { sent } = await props.api.post('/newsletters/{id}/test', {
        params: { path: { id: list.id } },
        body: { postId: saved.id, emails: addresses },
      });
      return { sent, addresses };
    },
    onMutate: () => {
      setProblem({});
      setStatus('');
    },
    onSuccess: (result) => {
      if (!result) {
        setProblem({ general: 'Save the story first: it needs a headline.' });
        return;
      }
      const { sent, addresses } = result;
      setStatus(
        sent === addresses.length
          ? `Test sent to ${addresses.join(', ')}. It arrives marked [Test].`
          : `Test sent to ${sent} of ${addresses.length} addresses: the mail server refused the rest.`,
      );
    },
    onError: (caught, addresses) => {
      const found = testSendProblem(caught, addresses);
      setProblem(found);
      requestAnimationFrame(() => (found.addresses ? inputRef.current : alertRef.current)?.focus());
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const addresses = testAddressesOf(to);
    const found = checkTestAddresses(addresses);
    if (found) {
      setProblem({ addresses: found });
      setStatus('');
      inputRef.current?.focus();
      return;
    }
    sending.mutate(addresses);
  };

  if (!list) return null;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="story-test-send">
      <button
        type="button"
        className="secondary"
        aria-expanded={isOpen}
        onClick={() => setIsOpen(!isOpen)}
      >
        Send a test
      </button>
      {isOpen ? (
        <form onSubmit={submit} noValidate aria-busy={sending.isPending} aria-label="Send a test">
          <FormAlert messages={problem.general ? [problem.general] : []} alertRef={alertRef} />
          {props.newsletters.length > 1 ? (
            <div className="field">
              <label htmlFor={`${id}-list`}>As the newsletter</label>
              <select id={`${id}-list`} value={list.id} onChange={(e) => setListId(e.target.value)}>
                {props.newsletters.map((n) => (
                  <option key={n.id} value={n.id}>
                    {n.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-to`}>Send the test to</label>
            <p className="hint" id={hintId}>
              Up to {maxTestAddresses} addresses, separated by commas or new lines. It is sent as{' '}
              {list.name} sends it, marked [Test]; no member gets it.
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
            {/* Secondary: Publish now stays the panel's one main action. */}
            <button type="submit" className="secondary" disabled={sending.isPending}>
              {sending.isPending ? 'Sending…' : 'Send test'}
            </button>
          </div>
        </form>
      ) : null}
      <p role="status" className="story-test-status">
        {status}
      </p>
    </div>
  );
}
