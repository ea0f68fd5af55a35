import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api.js';
import { teamKeys } from '../../query/queries.js';
import type { TokenCreated } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';
import {
  describedBy,
  focusFirstProblem,
  formErrorsOf,
  problemIds,
  type FormErrors,
} from '../../ui/form-errors.js';
import {
  checkTokenBody,
  lifetimes,
  tokenBodyOf,
  type Kind,
  type Lifetime,
  type Role,
  type TokenCreate,
} from './token-form-values.js';

const roles: { value: Role; text: string }[] = [
  { value: 'contributor', text: 'Contributor: own drafts only' },
  { value: 'author', text: 'Author: publishes own stories, uploads' },
  { value: 'editor', text: 'Editor: all stories, sections, authors' },
  { value: 'administrator', text: 'Administrator: everything but ownership' },
];

const fields = ['name', 'kind', 'role', 'expiresAt'] as const;

/** A new Admin API token (with a role) or Content API key (read-only published content). */
export function TokenCreateForm(props: {
  api: ApiClient;
  onCreated: (created: TokenCreated) => void;
}) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Kind>('admin');
  const [role, setRole] = useState<Role>('editor');
  const [lifetime, setLifetime] = useState<Lifetime>('never');
  const [expiresInput, setExpiresInput] = useState('');
  const clock = useNewsroomClock();
  const [errors, setErrors] = useState<FormErrors['fields']>({});
  const [general, setGeneral] = useState<string[]>([]);
  const alertRef = useRef<HTMLDivElement>(null);
  const queryClient = useQueryClient();

  const showProblems = (found: FormErrors) => {
    setErrors(found.fields);
    setGeneral(found.general);
    focusFirstProblem(
      problemIds(found, fields, (f) => `token-${f}`),
      alertRef.current,
    );
  };

  const creation = useMutation({
    mutationFn: (body: TokenCreate) => props.api.post('/tokens', { body }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.tokens });
      setName('');
      setLifetime('never');
      setExpiresInput('');
      props.onCreated(created);
    },
    onError: (error) =>
      showProblems(formErrorsOf(error, (f) => (fields as readonly string[]).includes(f))),
  });
  const isBusy = creation.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = tokenBodyOf(
      { name, kind, role, lifetime, expiresInput },
      { fromInput: clock.fromInput, now: Date.now() },
    );
    const found = checkTokenBody(body);
    if (Object.keys(found).length > 0) return showProblems({ fields: found, general: [] });
    setErrors({});
    setGeneral([]);
    creation.mutate(body);
  };

  return (
    <form className="token-form" onSubmit={submit} noValidate aria-busy={isBusy}>
      <h2>New token</h2>
      <FormAlert messages={general} alertRef={alertRef} />
      <div className="field">
        <label htmlFor="token-name">Name</label>
        <p className="hint" id="token-name-hint">
          Who or what uses it, e.g. “Mobile app” or “Newsletter import”.
        </p>
        <input
          id="token-name"
          value={name}
          maxLength={100}
          required
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('token-name-hint', errors.name && 'token-name-error')}
          onChange={(e) => setName(e.target.value)}
        />
        <FieldError id="token-name-error" message={errors.name} />
      </div>
      <fieldset
        className="field token-kind"
        aria-describedby={describedBy(errors.kind && 'token-kind-error')}
      >
        <legend>Kind</legend>
        <div className="radio">
          <input
            type="radio"
            id="token-kind"
            name="token-kind"
            value="admin"
            aria-describedby="token-kind-admin-hint"
            checked={kind === 'admin'}
            onChange={() => setKind('admin')}
          />
          <label htmlFor="token-kind">Admin API token</label>
          <span className="hint" id="token-kind-admin-hint">
            acts with a staff role and can change things
          </span>
        </div>
        <div className="radio">
          <input
            type="radio"
            id="token-kind-content"
            name="token-kind"
            value="content"
            aria-describedby="token-kind-content-hint"
            checked={kind === 'content'}
            onChange={() => setKind('content')}
          />
          <label htmlFor="token-kind-content">Content API key</label>
          <span className="hint" id="token-kind-content-hint">
            reads published content only
          </span>
        </div>
        <FieldError id="token-kind-error" message={errors.kind} />
      </fieldset>
      {kind === 'admin' ? (
        <div className="field">
          <label htmlFor="token-role">Role</label>
          <p className="hint" id="token-role-hint">
            The token may do what a staff member with this role may do. Choose the lowest that
            works.
          </p>
          <select
            id="token-role"
            value={role}
            aria-invalid={errors.role ? true : undefined}
            aria-describedby={describedBy('token-role-hint', errors.role && 'token-role-error')}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.text}
              </option>
            ))}
          </select>
          <FieldError id="token-role-error" message={errors.role} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="token-expires">Expires</label>
        <p className="hint" id="token-expires-hint">
          After this the token is refused. A token for a one-off job should not live forever.
        </p>
        <select
          id="token-expires"
          value={lifetime}
          aria-describedby="token-expires-hint"
          onChange={(e) => setLifetime(e.target.value as Lifetime)}
        >
          {lifetimes.map((l) => (
            <option key={l.value} value={l.value}>
              {l.text}
            </option>
          ))}
        </select>
      </div>
      {lifetime === 'at' ? (
        <div className="field">
          <label htmlFor="token-expiresAt">Expiry time</label>
          <p className="hint" id="token-expiresAt-hint">
            In the newsroom’s zone: {clock.label}
          </p>
          <input
            id="token-expiresAt"
            type="datetime-local"
            value={expiresInput}
            aria-invalid={errors.expiresAt ? true : undefined}
            aria-describedby={describedBy(
              'token-expiresAt-hint',
              errors.expiresAt && 'token-expiresAt-error',
            )}
            onChange={(e) => setExpiresInput(e.target.value)}
          />
          <FieldError id="token-expiresAt-error" message={errors.expiresAt} />
        </div>
      ) : (
        <FieldError id="token-expiresAt-error" message={errors.expiresAt} />
      )}
      <div className="actions">
        <button type="submit" disabled={isBusy}>
          {isBusy ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}
