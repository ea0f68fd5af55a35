import type { NodeViewProps } from '@tiptap/react';
import { useRef, useState, type ChangeEvent } from 'react';
import { messageOf } from '../api.js';
import type { ImageAttrs } from '@shared/richtext/document.js';
import { documentLimits } from '@shared/richtext/limits.js';
import { BlockFrame } from './BlockFrame.js';
import { useEditorServices } from './editor-services.js';
import { ImageFields } from './ImageFields.js';

const { maxGalleryImages } = documentLimits;

export function GalleryView(props: NodeViewProps) {
  const { node, editor, getPos, updateAttributes, deleteNode, selected } = props;
  const { uploadImage } = useEditorServices();
  const images = node.attrs.images as ImageAttrs[];
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<string | null>(null);

  /** The images as the document holds them now: uploads finish after renders we closed over. */
  const currentImages = (): ImageAttrs[] => {
    const pos = getPos();
    const current = pos === undefined ? null : editor.state.doc.nodeAt(pos);
    return current?.type.name === 'gallery' ? (current.attrs.images as ImageAttrs[]) : images;
  };
  const setImages = (next: ImageAttrs[]) => updateAttributes({ images: next });
  const patchImage = (index: number, patch: Partial<ImageAttrs>) =>
    setImages(currentImages().map((image, i) => (i === index ? { ...image, ...patch } : image)));
  const move = (index: number, by: number) => {
    const next = [...currentImages()];
    const [image] = next.splice(index, 1);
    if (image) next.splice(index + by, 0, image);
    setImages(next);
  };

  const addFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    setError(null);
    for (const file of files) {
      if (currentImages().length >= maxGalleryImages) {
        setError(`A gallery holds at most ${maxGalleryImages} images.`);
        break;
      }
      setUploading((count) => count + 1);
      try {
        const image = await uploadImage(file);
        setImages([...currentImages(), image]);
      } catch (failure) {
        setError(messageOf(failure));
      } finally {
        setUploading((count) => count - 1);
      }
    }
  };

  return (
    <BlockFrame
      nodeName="gallery"
      label="Gallery"
      removeLabel="Remove gallery"
      onRemove={deleteNode}
      move={{ editor, getPos }}
      isSelected={selected}
      className="body-gallery"
    >
      {images.length === 0 && (
        <p className="body-field__hint">No images yet. An empty gallery is not saved.</p>
      )}
      <ol className="body-gallery__list">
        {images.map((image, index) => {
          const n = index + 1;
          return (
            <li className="body-gallery__item" key={index}>
              <img
                className="body-gallery__image"
                src={image.src}
                alt={image.alt}
                width={image.width}
                height={image.height}
              />
              <ImageFields image={image} onChange={(patch) => patchImage(index, patch)} />
              <div className="body-gallery__item-actions">
                <button
                  type="button"
                  className="body-small-button"
                  aria-label={`Move image ${n} earlier`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  Earlier
                </button>
                <button
                  type="button"
                  className="body-small-button"
                  aria-label={`Move image ${n} later`}
                  disabled={n === images.length}
                  onClick={() => move(index, 1)}
                >
                  Later
                </button>
                <button
                  type="button"
                  className="body-small-button"
                  aria-label={`Remove image ${n}`}
                  onClick={() => setImages(currentImages().filter((_, i) => i !== index))}
                >
                  Remove
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="body-gallery__add">
        <button
          type="button"
          className="body-small-button"
          data-autofocus=""
          disabled={images.length >= maxGalleryImages}
          onClick={() => fileInput.current?.click()}
        >
          Add image to gallery
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          multiple
          aria-label="Upload images to the gallery"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(event) => void addFiles(event)}
        />
        <span role="status" className="body-status">
          {uploading > 0 ? 'Uploading…' : ''}
        </span>
      </div>
      {error && (
        <p role="alert" className="body-error">
          {error}
        </p>
      )}
    </BlockFrame>
  );
}
