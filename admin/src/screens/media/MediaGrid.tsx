import type { Media } from '../../types.js';
import { imageUrl, mediaName } from '../../ui/media-urls.js';

export const mediaButtonId = (id: string) => `media-open-${id}`;

/** The library as cards: a thumbnail, its caption and credit, and a button to open it. */
export function MediaGrid(props: {
  items: Media[];
  selectedId: string | null;
  canEdit: boolean;
  onOpen: (media: Media) => void;
}) {
  return (
    <ul className="media-grid">
      {props.items.map((media) => (
        <li key={media.id} className={media.id === props.selectedId ? 'is-selected' : undefined}>
          <figure>
            <img
              src={imageUrl(media, 320)}
              alt={media.alt}
              loading="lazy"
              width={media.width}
              height={media.height}
            />
            <figcaption>
              {media.caption ? <span className="media-caption">{media.caption}</span> : null}
              {media.credit ? <span className="media-credit">{media.credit}</span> : null}
              {!media.caption && !media.credit ? (
                <span className="media-name">{media.originalName}</span>
              ) : null}
            </figcaption>
          </figure>
          <button
            type="button"
            className="secondary"
            id={mediaButtonId(media.id)}
            aria-label={`${props.canEdit ? 'Edit' : 'View'} ${mediaName(media)}`}
            onClick={() => props.onOpen(media)}
          >
            {props.canEdit ? 'Edit' : 'Details'}
          </button>
        </li>
      ))}
    </ul>
  );
}
