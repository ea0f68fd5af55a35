// The story editor's save state as a pure state machine: every change of the label ("Saved",
// "Unsaved changes", "Saving…", a conflict, an error) and every decision of when to save next is
// a transition here, so it is tested without React, timers or a server. use-autosave.ts feeds it
// events and carries out the timer command each transition answers.

export type SaveStatus = 'new' | 'saved' | 'unsaved' | 'saving' | 'error' | 'conflict';

export interface AutosaveState {
  status: SaveStatus;
  /** When the oldest edit not yet sent was made (ms since epoch), for the longest wait. */
  firstUnsavedAt: number | null;
}

/** Quiet time after the last keystroke before saving, and the longest an edit waits. */
export const quietMs = 2_500;
export const maxWaitMs = 10_000;

export type AutosaveEvent =
  /**
   * The writer changed the draft. `isWorthSaving`: it differs from what the server has (a new
   * story also needs a headline first). `isAutomatic` is false for a published story, whose
   * edits wait for the writer's Update.
   */
  | { type: 'edit'; at: number; isWorthSaving: boolean; isAutomatic: boolean }
  /** A save was asked for now (timer fired, Update, leaving): the pending timer goes. */
  | { type: 'flush' }
  /** Nothing differs from the last save: nothing is sent. */
  | { type: 'save-skip' }
  | { type: 'save-start' }
  /** The server kept the draft; `hasMore`: edits made during the request are still unsaved. */
  | { type: 'save-ok'; hasMore: boolean }
  /** Someone else saved meanwhile (409): nothing more is saved until the writer chooses. */
  | { type: 'save-conflict' }
  | { type: 'save-failed' }
  /** After a conflict the writer keeps their edits on top of the other version. */
  | { type: 'retry' }
  /** The server's post is the new baseline (their version taken, a transition or a restore). */
  | { type: 'rebase' };

/** What to do with the save timer: the debounce decision as data. */
export type TimerCommand =
  { kind: 'keep' } | { kind: 'cancel' } | { kind: 'schedule'; delayMs: number };

export interface AutosaveTransition {
  state: AutosaveState;
  timer: TimerCommand;
}

export function initialAutosaveState(hasPost: boolean): AutosaveState {
  return { status: hasPost ? 'saved' : 'new', firstUnsavedAt: null };
}

/** Waits for a quiet moment, but never longer than maxWaitMs after the first unsaved edit. */
export function saveDelay(firstUnsavedAt: number, now: number): number {
  return Math.max(0, Math.min(quietMs, firstUnsavedAt + maxWaitMs - now));
}

/** Whether leaving the page now would lose edits. */
export function hasUnsavedEdits(state: AutosaveState): boolean {
  return state.status === 'unsaved' || state.status === 'saving';
}

/** Whether a save may be sent: in a conflict only the writer's choice moves on. */
export function maySave(state: AutosaveState): boolean {
  return state.status !== 'conflict';
}

const keep: TimerCommand = { kind: 'keep' };

export function autosaveStep(state: AutosaveState, event: AutosaveEvent): AutosaveTransition {
  switch (event.type) {
    case 'edit': {
      if (state.status === 'conflict' || !event.isWorthSaving) return { state, timer: keep };
      // A request under way keeps its "Saving…"; what it did not carry is saved after it.
      const status = state.status === 'saving' ? 'saving' : 'unsaved';
      if (!event.isAutomatic) return { state: { ...state, status }, timer: keep };
      const firstUnsavedAt = state.firstUnsavedAt ?? event.at;
      return {
        state: { status, firstUnsavedAt },
        timer: { kind: 'schedule', delayMs: saveDelay(firstUnsavedAt, event.at) },
      };
    }
    case 'flush':
      return { state: { ...state, firstUnsavedAt: null }, timer: { kind: 'cancel' } };
    case 'save-skip':
      return { state: { ...state, status: 'saved' }, timer: keep };
    case 'save-start':
      return { state: { ...state, status: 'saving' }, timer: keep };
    case 'save-ok':
      return { state: { ...state, status: event.hasMore ? 'unsaved' : 'saved' }, timer: keep };
    case 'save-conflict':
      return { state: { ...state, status: 'conflict' }, timer: keep };
    case 'save-failed':
      return { state: { ...state, status: 'error' }, timer: keep };
    case 'retry':
      return {
        state: { ...state, status: state.status === 'conflict' ? 'unsaved' : state.status },
        timer: keep,
      };
    case 'rebase':
      return { state: { ...state, status: 'saved' }, timer: keep };
  }
}
