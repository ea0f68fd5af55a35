import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { correctionCreateSchema } from '@shared/contracts/posts.js';
import { ApiError, messageOf, type ApiClient } from '../../api.js';
import type { CorrectionKind, Post } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { formatDateTime } from '../../ui/format.js';
import { checkWithSchema } from '../../ui/schema-check.js';

const kinds: { value: CorrectionKind; label: string }[] = [
  { value: 'correction', label: 'Correction' },
  { value: 'clarification', label: 'Clarification' },
  { value: 'update', label: 'Update' },
];

/** The story's public log of corrections, clarifications and updates, newest last. */
export function CorrectionsPanel(props: {
  api: ApiClient;
  post: Post;
  timeZone: string;
  onAdded: () => void;
}) {
  const [kind, setKind] = useState<CorrectionKind>('correction');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<ApiError | string | null>(null);
  const adding = useMutation({
    mutationFn: (body: { kind: CorrectionKind; text: string }) =>
      props.api.post('/posts/{id}/corrections', { params: { path: { id: props.post.id } }, body }),
    onMutate: () => setProblem(null),
    onSuccess: () => {
      setText('');
      props.onAdded();
    },
    onError: (caught) => setProblem(caught instanceof ApiError ? caught : messageOf(caught)),
  });

  const add = () => {
    const body = { kind, text };
    const problems = checkWithSchema(correctionCreateSchema, body, (field, issue) =>
      field === 'text' && issue.code === 'too_small' ? 'Write what was corrected.' : undefined,
    );
    if (problems.text) return setProblem(problems.text);
    adding.mutate(body);
  };
  const textError =
    typeof problem === 'string' ? problem : (problem?.fieldMessage('text') ?? undefined);
  const general =
    problem instanceof ApiError ? problem.generalMessages(['text']) : ([] as string[]);

  return (
    <section className="panel" aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">Corrections log</h2>
      {props.post.corrections.length === 0 ? (
        <p className="hint">None yet. Entries show at the end of the published story.</p>
      ) : (
        <ul className="corrections">
          {props.post.corrections.map((c) => (
            <li key={c.id}>
              <strong>{kinds.find((k) => k.value === c.kind)?.label ?? c.kind}</strong>,{' '}
              {formatDateTime(c.createdAt, props.timeZone)}: {c.text}
            </li>
          ))}
        </ul>
      )}
      <FormAlert messages={general} />
      <div className="field">
        <label htmlFor="correction-kind">Kind</label>
        <select
          id="correction-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as CorrectionKind)}
        >
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="correction-text">What changed</label>
        <textarea
          id="correction-text"
          rows={3}
          maxLength={correctionCreateSchema.shape.text.maxLength ?? undefined}
          value={text}
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? 'correction-text-error' : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <FieldError id="correction-text-error" message={textError} />
      </div>
      <button type="button" className="secondary" disabled={adding.isPending} onClick={add}>
        Add to the log
      </button>
    </section>
  );
}
