import { useEffect, useRef, useState } from 'react';
import { roleMay } from '@shared/contracts/permissions.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Media } from '../../types.js';
import { FormAlert } from '../../ui/FieldError.js';
import { SearchBox } from '../../ui/SearchBox.js';
import { MediaEditor } from './MediaEditor.js';
import { MediaGrid, mediaButtonId } from './MediaGrid.js';
import { MediaUpload } from './MediaUpload.js';
import { useMediaList } from './use-media-list.js';
import './media.css';

export function MediaScreen({ api, session, search, navigate }: ScreenProps) {
  const q = new URLSearchParams(search).get('q') ?? '';
  const list = useMediaList(api, q);
  const [selected, setSelected] = useState<Media | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const firstNew = useRef<number | null>(null);
  const canEdit = roleMay(session.user.role, 'media.edit');
  const canUpload = roleMay(session.user.role, 'media.upload');

  // After "Show more", focus the first new card's button so the keyboard continues from there.
  useEffect(() => {
    const index = firstNew.current;
    if (index === null || list.isLoading) return;
    firstNew.current = null;
    const media = list.items[index];
    if (media) document.getElementById(mediaButtonId(media.id))?.focus();
  }, [list.items, list.isLoading]);

  const searchFor = (value: string) => {
    setSelected(null);
    navigate(
      value ? `/admin/media?${new URLSearchParams({ q: value }).toString()}` : '/admin/media',
      {
        replace: true,
      },
    );
  };

  const close = () => {
    const id = selected?.id;
    setSelected(null);
    if (id) requestAnimationFrame(() => document.getElementById(mediaButtonId(id))?.focus());
  };

  return (
    <section aria-labelledby="media-heading" className="media-screen">
      <h1 id="media-heading" tabIndex={-1}>
        Media library
      </h1>
      <p className="lede">Images for stories, sections and bylines, newest first.</p>
      {canUpload ? (
        <MediaUpload
          api={api}
          onUploaded={(media) => {
            list.upsert(media);
            setNotice(null);
          }}
        />
      ) : null}

      <div className={`media-layout${selected ? ' has-editor' : ''}`}>
        <div className="media-browser">
          <div className="screen-head">
            <h2 id="media-list-heading" tabIndex={-1} ref={listHeadingRef}>
              {q ? `Images matching “${q}”` : 'All images'}
            </h2>
          </div>
          <SearchBox
            id="media-q"
            label="Search the library"
            hint="Matches alt text, caption, credit and file name."
            q={q}
            maxLength={200}
            onSearch={searchFor}
          />
          {notice ? (
            <p className="success" role="status">
              {notice}
            </p>
          ) : null}
          <FormAlert messages={list.error ? [list.error] : []} />
          <MediaGrid
            items={list.items}
            selectedId={selected?.id ?? null}
            canEdit={canEdit}
            onOpen={(media) => {
              setNotice(null);
              setSelected(media);
            }}
          />
          <p role="status" className={list.isLoading ? 'loading-inline' : 'visually-hidden'}>
            {list.isLoading
              ? 'Loading images…'
              : `${list.items.length} image${list.items.length === 1 ? '' : 's'} shown`}
          </p>
          {!list.isLoading && list.items.length === 0 && !list.error ? (
            <p className="empty">
              {q ? 'No image matches that search.' : 'The library is empty: upload an image.'}
            </p>
          ) : null}
          {list.next && !list.isLoading ? (
            <button
              type="button"
              className="secondary show-more"
              onClick={() => {
                firstNew.current = list.items.length;
                void list.showMore();
              }}
            >
              Show more
            </button>
          ) : null}
        </div>
        {selected ? (
          <MediaEditor
            // A fresh form per item, so one item's unsaved text never lands on another.
            key={selected.id}
            api={api}
            media={selected}
            canEdit={canEdit}
            onClose={close}
            onSaved={(media) => {
              list.upsert(media);
              setSelected(media);
            }}
            onDeleted={(id) => {
              list.remove(id);
              setSelected(null);
              setNotice('The image was deleted.');
              requestAnimationFrame(() => listHeadingRef.current?.focus());
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
