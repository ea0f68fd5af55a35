// A form's submit and Cancel buttons: the submit button says what is under way while the form
// sends (and cannot be pressed twice).
export function FormActions(props: {
  isBusy: boolean;
  submitText: string;
  busyText: string;
  onCancel?: (() => void) | undefined;
  /** Whether Cancel waits for the sending to end (a form that closes on Cancel). */
  isCancelBlockedWhileBusy?: boolean;
}) {
  return (
    <div className="actions">
      <button type="submit" disabled={props.isBusy}>
        {props.isBusy ? props.busyText : props.submitText}
      </button>
      {props.onCancel ? (
        <button
          type="button"
          className="secondary"
          onClick={props.onCancel}
          disabled={props.isCancelBlockedWhileBusy && props.isBusy ? true : undefined}
        >
          Cancel
        </button>
      ) : null}
    </div>
  );
}
