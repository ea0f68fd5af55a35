// Alt text, caption and credit of one image: a figure's, or one image of a gallery.
import type { ImageAttrs } from '@shared/richtext/document.js';
import { AttrField } from './AttrField.js';

type TextFields = Pick<ImageAttrs, 'alt' | 'caption' | 'credit'>;

export function ImageFields({
  image,
  onChange,
  isFirstField = false,
}: {
  image: ImageAttrs;
  onChange: (patch: Partial<TextFields>) => void;
  isFirstField?: boolean;
}) {
  return (
    <div className="body-image-fields">
      <AttrField
        label="Alt text"
        hint="What the image shows, for readers who cannot see it."
        value={image.alt}
        onChange={(alt) => onChange({ alt })}
        isFirstField={isFirstField}
      />
      <AttrField
        label="Caption"
        value={image.caption ?? ''}
        onChange={(caption) => onChange({ caption })}
        isMultiline
      />
      <AttrField
        label="Credit"
        value={image.credit ?? ''}
        onChange={(credit) => onChange({ credit })}
      />
    </div>
  );
}
