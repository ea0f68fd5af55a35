// Saves a story a few seconds after the last edit, one request at a time, and stops at a 409:
// when someone else saved meanwhile, nothing is overwritten until the writer chooses.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf, type ApiClient } from '../../api.js';
import type { Post } from '../../types.js';
import { changedFields, createBody, draftOf, updateBody, type StoryDraft } from './story-draft.js';

export type SaveStatus = 'new' | 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

/** Quiet time after the last keystroke before saving, and the longest an edit waits. */
const quietMs = 2_500;
const maxWaitMs = 10_000;

export interface Autosave {
  status: SaveStatus;
  error: ApiError | null;
  savedAt: string | null;
  /** The version someone else saved, while in conflict. */
  theirs: Post | null;
  /** Call on every edit. */
  edit: (draft: StoryDraft) => void;
  /** Saves now (if anything changed) and answers the saved post, or null if it could not. */
  flush: () => Promise<Post | null>;
  /** Saves our edits on top of their version; answers the merged draft the form should show. */
  keepMine: () => Promise<{ post: Post; draft: StoryDraft; bodyIsTheirs: boolean } | null>;
  /** The fields this writer changed since their last successful save. */
  mineChanged: () => (keyof StoryDraft)[];
  /** Drops our unsaved edits for their version. */
  takeTheirs: () => Post | null;
  /** After a transition or restore the server's post is the new baseline. */
  reset: (post: Post) => void;
}

export function useAutosave(options: {
  api: ApiClient;
  initial: Post | null;
  initialDraft: StoryDraft;
  /** A new story got its id (the address should follow). */
  onCreated: (post: Post) => void;
  /**
   * False for a published story: its edits would go live mid-sentence, so they wait for the
   * writer's Update (or Ctrl/⌘+S).
   */
  automatic: boolean;
}): Autosave {
  const { api, onCreated } = options;
  const post = useRef<Post | null>(options.initial);
  const saved = useRef<StoryDraft>(options.initialDraft);
  const current = useRef<StoryDraft>(options.initialDraft);
  const inFlight = useRef<Promise<Post | null> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstUnsavedAt = useRef<number | null>(null);
  const [status, setStatus] = useState<SaveStatus>(options.initial ? 'saved' : 'new');
  const [error, setError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(options.initial?.updatedAt ?? null);
  const [theirs, setTheirs] = useState<Post | null>(null);
  const statusRef = useRef(status);
  statusRef.current = status;
  const automatic = useRef(options.automatic);
  automatic.current = options.automatic;

  const baseline = useCallback((next: Post) => {
    post.current = next;
    saved.current = draftOf(next);
    setSavedAt(next.updatedAt);
  }, []);

  const saveOnce = useCallback(async (): Promise<Post | null> => {
    const draft = current.current;
    const existing = post.current;
    if (existing && changedFields(saved.current, draft).length === 0) {
      setStatus('saved');
      return existing;
    }
    // A new story needs a headline before the server will keep it.
    if (!existing && !draft.title.trim()) return null;
    setStatus('saving');
    try {
      const answer = existing
        ? await api.patch('/posts/{id}', {
            params: { path: { id: existing.id } },
            body: updateBody(saved.current, draft, existing.version),
          })
        : await api.post('/posts', { body: createBody(draft) });
      post.current = answer.post;
      // What was sent is saved; edits made during the request stay unsaved.
      saved.current = draft;
      setSavedAt(answer.post.updatedAt);
      setError(null);
      if (!existing) onCreated(answer.post);
      const more = changedFields(saved.current, current.current).length > 0;
      setStatus(more ? 'unsaved' : 'saved');
      return answer.post;
    } catch (caught) {
      const apiError =
        caught instanceof ApiError
          ? caught
          : new ApiError(0, [{ code: 'ERROR', message: messageOf(caught) }]);
      const them = apiError.is('CONFLICT') ? apiError.errors[0]?.meta?.post : undefined;
      if (them) {
        setTheirs(them as Post);
        setStatus('conflict');
      } else setStatus('error');
      setError(apiError);
      return null;
    }
  }, [api, onCreated]);

  const flush = useCallback(async (): Promise<Post | null> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    firstUnsavedAt.current = null;
    // One request at a time: wait for the running one, then save what is left.
    while (inFlight.current) await inFlight.current;
    if (statusRef.current === 'conflict') return null;
    const run = saveOnce();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [saveOnce]);

  const schedule = useCallback(() => {
    const now = Date.now();
    firstUnsavedAt.current ??= now;
    const wait = Math.max(0, Math.min(quietMs, firstUnsavedAt.current + maxWaitMs - now));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), wait);
  }, [flush]);

  const edit = useCallback(
    (draft: StoryDraft) => {
      current.current = draft;
      if (statusRef.current === 'conflict') return;
      if (post.current && changedFields(saved.current, draft).length === 0) return;
      if (!post.current && !draft.title.trim()) return;
      setStatus((s) => (s === 'saving' ? s : 'unsaved'));
      if (automatic.current) schedule();
    },
    [schedule],
  );

  const keepMine = useCallback(async () => {
    if (!theirs) return null;
    // Our edits since our last save go on top of their version; what we did not touch keeps
    // theirs, so neither writer's work is lost.
    const mine = changedFields(saved.current, current.current);
    const merged: StoryDraft = { ...draftOf(theirs) };
    for (const field of mine)
      (merged as unknown as Record<string, unknown>)[field] = current.current[field];
    post.current = theirs;
    saved.current = draftOf(theirs);
    current.current = merged;
    setTheirs(null);
    setError(null);
    statusRef.current = 'unsaved';
    setStatus('unsaved');
    const result = await flush();
    return result ? { post: result, draft: merged, bodyIsTheirs: !mine.includes('body') } : null;
  }, [flush, theirs]);

  const takeTheirs = useCallback(() => {
    if (!theirs) return null;
    baseline(theirs);
    current.current = draftOf(theirs);
    setTheirs(null);
    setError(null);
    setStatus('saved');
    return theirs;
  }, [baseline, theirs]);

  const reset = useCallback(
    (next: Post) => {
      baseline(next);
      current.current = draftOf(next);
      setStatus('saved');
      setError(null);
    },
    [baseline],
  );

  // Leaving with unsaved edits: save them, and let the browser warn about a closing tab.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (statusRef.current === 'unsaved' || statusRef.current === 'saving') {
        void flush();
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      if (timer.current) {
        clearTimeout(timer.current);
        void flush();
      }
    };
  }, [flush]);

  const mineChanged = useCallback(() => changedFields(saved.current, current.current), []);

  return { status, error, savedAt, theirs, edit, flush, keepMine, mineChanged, takeTheirs, reset };
}
