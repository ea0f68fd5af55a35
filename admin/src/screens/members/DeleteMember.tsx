import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { messageOf, type ApiClient } from '../../api.js';
import type { Member } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';

/** Deleting a member asks first, naming who and what goes, with focus on the question. */
export function DeleteMember(props: { api: ApiClient; member: Member; onDeleted: () => void }) {
  const [isAsking, setIsAsking] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const remove = useMutation({
    mutationFn: () => props.api.del('/members/{id}', { params: { path: { id: props.member.id } } }),
    onSuccess: () => props.onDeleted(),
  });
  const busy = remove.isPending;
  const error = remove.error ? messageOf(remove.error) : null;

  return (
    <section className="member-section member-danger" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      {isAsking ? (
        <div role="alertdialog" aria-labelledby="delete-question" className="confirm">
          <p id="delete-question" tabIndex={-1} ref={questionRef}>
            Delete <strong>{props.member.email}</strong> and everything kept about them, history
            included? This cannot be undone.
          </p>
          <FormAlert messages={error ? [error] : []} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => remove.mutate()}
            >
              {busy ? 'Deleting…' : 'Yes, delete this member'}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setIsAsking(false);
                requestAnimationFrame(() => openRef.current?.focus());
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="danger"
          ref={openRef}
          onClick={() => {
            setIsAsking(true);
            requestAnimationFrame(() => questionRef.current?.focus());
          }}
        >
          Delete member
        </button>
      )}
    </section>
  );
}
