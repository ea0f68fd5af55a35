import type { DroppedImage } from './paste-html.js';

/** Names the pictures a paste held that the editor could not bring in, so none goes missing unseen. */
export function PasteNotice(props: { images: DroppedImage[]; onDismiss: () => void }) {
  const count = props.images.length;
  return (
    <div role="status" className="paste-notice">
      <p>
        {count === 1
          ? 'The pasted text had an image that was not brought in.'
          : `The pasted text had ${count} images that were not brought in.`}{' '}
        Pictures from other sites are not copied; upload them with Image if you have the right to
        use them.
      </p>
      <ul>
        {props.images.map((image, index) => (
          <li key={index}>
            {image.alt ? <strong>{image.alt}</strong> : null}
            {image.alt ? ' — ' : null}
            <span className="paste-notice__src">{image.src || 'an image without an address'}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={props.onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
