import { useCallback, useEffect, useRef, useState } from 'react';
import { roleMay, type StaffRoleName } from '@shared/contracts/permissions.js';
import { countWords, readingMinutes } from '@shared/richtext/document-stats.js';
import type { Doc } from '@shared/richtext/document.js';
import { BodyEditor } from '../../editor/BodyEditor.js';
import type { ScreenProps } from '../../screen-props.js';
import type { Author, Post, SiteSettings, Tag } from '../../types.js';
import { FieldError, FormAlert } from '../../ui/FieldError.js';
import { ConflictNotice } from './ConflictNotice.js';
import { CorrectionsPanel } from './CorrectionsPanel.js';
import { DetailsPanel } from './DetailsPanel.js';
import { LeadImagePanel } from './LeadImagePanel.js';
import { LiveUpdatesLink } from '../live/LiveUpdatesLink.js';
import { PublishPanel } from './PublishPanel.js';
import { RevisionsPanel } from './RevisionsPanel.js';
import { SaveState } from './SaveState.js';
import { SeoPanel } from './SeoPanel.js';
import { StoryNumbersPanel } from './StoryNumbersPanel.js';
import { draftOf, type StoryDraft } from './story-draft.js';
import { useAutosave } from './use-autosave.js';

/** Fields the form shows; API errors on anything else are listed at the top. */
const shownFields = ['title', 'dek', 'slug', 'body', 'customExcerpt', 'authorIds', 'tagIds'];

export function StoryEditor(
  props: ScreenProps & {
    post: Post | null;
    initialDraft: StoryDraft;
    settings: SiteSettings;
    authors: Author[];
    tags: Tag[];
  },
) {
  const { api, session, settings } = props;
  const role: StaffRoleName = session.user.role;
  const timeZone = settings.timezone;
  const [post, setPost] = useState<Post | null>(props.post);
  const [draft, setDraft] = useState<StoryDraft>(props.initialDraft);
  // A new key remounts the body editor when its content is replaced from outside.
  const [bodyKey, setBodyKey] = useState(0);
  const conflictRef = useRef<HTMLDivElement>(null);

  const onCreated = useCallback((created: Post) => {
    setPost(created);
    // The address follows the new story without remounting the screen.
    window.history.replaceState(null, '', `/admin/stories/${created.id}`);
  }, []);
  const autosave = useAutosave({
    api,
    initial: props.post,
    initialDraft: props.initialDraft,
    onCreated,
    automatic: post?.status !== 'published',
  });

  const change = (patch: Partial<StoryDraft>) =>
    setDraft((current) => {
      const next = { ...current, ...patch };
      autosave.edit(next);
      return next;
    });
  const { edit } = autosave;
  const onBody = useCallback(
    (body: Doc) =>
      setDraft((current) => {
        const next = { ...current, body };
        edit(next);
        return next;
      }),
    [edit],
  );

  /** The server's post replaced ours (published, restored, taken from the other editor). */
  const replaced = (next: Post, { remountBody }: { remountBody: boolean }) => {
    setPost(next);
    autosave.reset(next);
    setDraft(draftOf(next));
    if (remountBody) setBodyKey((k) => k + 1);
  };

  const flush = async () => {
    const saved = await autosave.flush();
    if (saved) setPost(saved);
    return saved;
  };

  useEffect(() => {
    if (autosave.status === 'conflict')
      conflictRef.current?.querySelector<HTMLElement>('[role=alert]')?.focus();
  }, [autosave.status]);

  // Ctrl/Cmd+S saves now, as in every editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void autosave.flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [autosave]);

  const error = autosave.error;
  const errorOf = (field: string) => error?.fieldMessage(field);
  const generalErrors =
    error && autosave.status === 'error' ? error.generalMessages(shownFields) : [];
  const noun =
    draft.kind === 'page'
      ? 'page'
      : draft.kind === 'brief'
        ? 'brief'
        : draft.kind === 'live'
          ? 'live page'
          : 'story';
  const words = countWords(draft.body);
  const minutes = readingMinutes(draft.body);
  const describedBy = (field: string, hint?: string) => {
    const ids = [hint, errorOf(field) ? `story-${field}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  };

  return (
    <div className="story-editor">
      <div className="story-main">
        <div className="screen-head">
          <h1 tabIndex={-1}>{post ? `Edit ${noun}` : `New ${noun}`}</h1>
          <SaveState
            isLive={post?.status === 'published'}
            status={autosave.status}
            savedAt={autosave.savedAt}
            timeZone={timeZone}
            error={error?.message ?? null}
          />
        </div>
        <div ref={conflictRef}>
          {autosave.status === 'conflict' && autosave.theirs ? (
            <ConflictNotice
              theirs={autosave.theirs}
              mine={draft}
              mineChanged={autosave.mineChanged()}
              onKeepMine={() =>
                void autosave.keepMine().then((kept) => {
                  if (!kept) return;
                  setPost(kept.post);
                  setDraft(kept.draft);
                  if (kept.bodyIsTheirs) setBodyKey((k) => k + 1);
                })
              }
              onTakeTheirs={() => {
                const theirs = autosave.takeTheirs();
                if (theirs) replaced(theirs, { remountBody: true });
              }}
            />
          ) : null}
        </div>
        <FormAlert messages={generalErrors} />
        {post?.kind === 'live' && roleMay(role, 'live.post') ? (
          <LiveUpdatesLink postId={post.id} navigate={props.navigate} />
        ) : draft.kind === 'live' ? (
          <p className="hint">Save the live page (type a headline) to start posting updates.</p>
        ) : null}
        <div className="field">
          <label htmlFor="story-title">Headline</label>
          <textarea
            id="story-title"
            className="headline-input"
            rows={2}
            value={draft.title}
            aria-invalid={errorOf('title') ? true : undefined}
            aria-describedby={describedBy('title')}
            onChange={(e) => change({ title: e.target.value.replace(/\n/g, ' ') })}
          />
          <FieldError id="story-title-error" message={errorOf('title')} />
        </div>
        <div className="field">
          <label htmlFor="story-dek">Dek</label>
          <p className="hint" id="story-dek-hint">
            One or two sentences under the headline.
          </p>
          <textarea
            id="story-dek"
            rows={2}
            value={draft.dek}
            aria-invalid={errorOf('dek') ? true : undefined}
            aria-describedby={describedBy('dek', 'story-dek-hint')}
            onChange={(e) => change({ dek: e.target.value })}
          />
          <FieldError id="story-dek-error" message={errorOf('dek')} />
        </div>
        <div className="field story-body-field">
          <p className="label" id="story-body-label">
            Story
          </p>
          <BodyEditor
            key={bodyKey}
            api={api}
            initial={draft.body}
            onChange={onBody}
            allowRawHtml={roleMay(role, 'posts.rawHtml')}
            labelledBy="story-body-label"
          />
          <FieldError id="story-body-error" message={errorOf('body')} />
          <p className="hint word-count">
            {words.toLocaleString()} {words === 1 ? 'word' : 'words'} · {minutes} min read
          </p>
        </div>
      </div>
      <aside className="story-side" aria-label="Story settings">
        <PublishPanel
          api={api}
          role={role}
          userEmail={session.user.email}
          post={post}
          timeZone={timeZone}
          flush={flush}
          hasUnsavedChanges={autosave.status === 'unsaved'}
          checkInput={() => ({
            kind: draft.kind,
            title: draft.title,
            authorCount: draft.authorIds.length,
            sectionCount: props.tags.filter((t) => t.isNavigation && draft.tagIds.includes(t.id))
              .length,
            leadImage: draft.leadImage ? { alt: draft.leadImage.alt } : null,
            scheduledAt: post?.status === 'scheduled' ? post.scheduledAt : null,
          })}
          onChanged={(next) => replaced(next, { remountBody: false })}
          navigate={props.navigate}
        />
        <LeadImagePanel
          api={api}
          value={draft.leadImage}
          onChange={(leadImage) => change({ leadImage })}
        />
        <DetailsPanel
          draft={draft}
          onChange={change}
          authors={props.authors}
          tags={props.tags}
          mayFeature={roleMay(role, 'posts.setFeatured')}
          errorOf={errorOf}
        />
        <SeoPanel
          draft={draft}
          siteName={settings.siteName}
          siteUrl={window.location.origin}
          onChange={(seo) => change({ seo })}
        />
        {post && roleMay(role, 'analytics.read') ? (
          <StoryNumbersPanel
            api={api}
            postId={post.id}
            timeZone={timeZone}
            navigate={props.navigate}
          />
        ) : null}
        {post ? (
          <CorrectionsPanel
            api={api}
            post={post}
            timeZone={timeZone}
            onAdded={() =>
              void flush()
                .then(() => api.get('/posts/{id}', { params: { path: { id: post.id } } }))
                .then((answer) => replaced(answer.post, { remountBody: false }))
            }
          />
        ) : null}
        {post ? (
          <RevisionsPanel
            api={api}
            post={post}
            timeZone={timeZone}
            flush={flush}
            onRestored={(restored) => replaced(restored, { remountBody: true })}
          />
        ) : null}
      </aside>
    </div>
  );
}
