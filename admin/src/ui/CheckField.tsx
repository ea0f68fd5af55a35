// A checkbox with its label beside it and an optional hint.
import './form-controls.css';

export function CheckField(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div className="check-field">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={hintId}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={props.id}>{props.label}</label>
        {props.hint ? (
          <p className="hint" id={hintId}>
            {props.hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
