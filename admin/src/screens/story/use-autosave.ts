// Saves a story a few seconds after the last edit (a published one only when the writer asks),
// one request at a time, and stops at a 409: when someone else saved meanwhile, nothing is
// overwritten until the writer chooses. The save
// state and the timer decisions are autosave-machine.ts's; this hook holds the drafts, sends the
// requests and runs the timer the machine asks for.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf, type ApiClient } from '../../api.js';
import type { Post } from '../../types.js';
import {
  autosaveStep,
  hasUnsavedEdits,
  initialAutosaveState,
  maySave,
  type AutosaveEvent,
  type SaveStatus,
} from './autosave-machine.js';
import { changedFields, createBody, draftOf, updateBody, type StoryDraft } from './story-draft.js';

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
  // The machine's state is a ref because edit, flush and beforeunload read it at once, between
  // renders; its status is also rendered, so each transition is mirrored into React state. Both
  // start from the machine's own initial state (not a second copy of its rule, nor a ref read
  // during render).
  const initialState = initialAutosaveState(options.initial !== null);
  const machine = useRef(initialState);
  const [status, setStatus] = useState<SaveStatus>(initialState.status);
  const [error, setError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(options.initial?.updatedAt ?? null);
  const [theirs, setTheirs] = useState<Post | null>(null);
  const automatic = useRef(options.automatic);
  useEffect(() => {
    automatic.current = options.automatic;
  }, [options.automatic]);
  const flushRef = useRef<() => Promise<Post | null>>(() => Promise.resolve(null));

  const dispatch = useCallback((event: AutosaveEvent) => {
    const next = autosaveStep(machine.current, event);
    machine.current = next.state;
    setStatus(next.state.status);
    if (next.timer.kind === 'keep') return;
    if (timer.current) clearTimeout(timer.current);
    timer.current =
      next.timer.kind === 'schedule'
        ? setTimeout(() => void flushRef.current(), next.timer.delayMs)
        : null;
  }, []);

  const baseline = useCallback((next: Post) => {
    post.current = next;
    saved.current = draftOf(next);
    setSavedAt(next.updatedAt);
  }, []);

  const saveOnce = useCallback(async (): Promise<Post | null> => {
    const draft = current.current;
    const existing = post.current;
    if (existing && changedFields(saved.current, draft).length === 0) {
      dispatch({ type: 'save-skip' });
      return existing;
    }
    // A new story needs a headline before the server will keep it.
    if (!existing && !draft.title.trim()) return null;
    dispatch({ type: 'save-start' });
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
      const hasMore = changedFields(saved.current, current.current).length > 0;
      dispatch({ type: 'save-ok', hasMore });
      return answer.post;
    } catch (caught) {
      const apiError =
        caught instanceof ApiError
          ? caught
          : new ApiError(0, [{ code: 'ERROR', message: messageOf(caught) }]);
      const them = apiError.is('CONFLICT') ? apiError.errors[0]?.meta?.post : undefined;
      if (them) {
        setTheirs(them as Post);
        dispatch({ type: 'save-conflict' });
      } else dispatch({ type: 'save-failed' });
      setError(apiError);
      return null;
    }
  }, [api, dispatch, onCreated]);

  const flush = useCallback(async (): Promise<Post | null> => {
    dispatch({ type: 'flush' });
    // One request at a time: wait for the running one, then save what is left.
    while (inFlight.current) await inFlight.current;
    if (!maySave(machine.current)) return null;
    const run = saveOnce();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [dispatch, saveOnce]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const edit = useCallback(
    (draft: StoryDraft) => {
      current.current = draft;
      const isWorthSaving = post.current
        ? changedFields(saved.current, draft).length > 0
        : draft.title.trim() !== '';
      dispatch({ type: 'edit', at: Date.now(), isWorthSaving, isAutomatic: automatic.current });
    },
    [dispatch],
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
    dispatch({ type: 'retry' });
    const result = await flush();
    return result ? { post: result, draft: merged, bodyIsTheirs: !mine.includes('body') } : null;
  }, [dispatch, flush, theirs]);

  const takeTheirs = useCallback(() => {
    if (!theirs) return null;
    baseline(theirs);
    current.current = draftOf(theirs);
    setTheirs(null);
    setError(null);
    dispatch({ type: 'rebase' });
    return theirs;
  }, [baseline, dispatch, theirs]);

  const reset = useCallback(
    (next: Post) => {
      baseline(next);
      current.current = draftOf(next);
      dispatch({ type: 'rebase' });
      setError(null);
    },
    [baseline, dispatch],
  );

  // Leaving with unsaved edits: save them, and let the browser warn about a closing tab.
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (hasUnsavedEdits(machine.current)) {
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
