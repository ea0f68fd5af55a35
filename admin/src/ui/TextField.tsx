// A labelled input or textarea with its hint and error tied to it by aria-describedby.
import type { HTMLInputTypeAttribute, Ref } from 'react';
import { FieldError } from './FieldError.js';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  type?: HTMLInputTypeAttribute;
  /** Rows of a textarea; without it the field is a one-line input. */
  rows?: number;
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'url' | 'numeric' | 'search';
  required?: boolean;
  maxLength?: number;
  readOnly?: boolean;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({ inputRef, ...props }: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const errorId = props.error ? `${props.id}-error` : undefined;
  const shared = {
    id: props.id,
    value: props.value,
    required: props.required,
    maxLength: props.maxLength,
    readOnly: props.readOnly,
    placeholder: props.placeholder,
    autoComplete: props.autoComplete,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint ? (
        <p className="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.rows ? (
        <textarea {...shared} rows={props.rows} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input
          {...shared}
          ref={inputRef}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}
