import { describe, expect, it } from 'vitest';
import {
  autosaveStep,
  hasUnsavedEdits,
  initialAutosaveState,
  maxWaitMs,
  maySave,
  quietMs,
  saveDelay,
  type AutosaveEvent,
  type AutosaveState,
} from './autosave-machine.js';

const edit = (at: number, overrides: Partial<AutosaveEvent & { type: 'edit' }> = {}) =>
  ({ type: 'edit', at, isWorthSaving: true, isAutomatic: true, ...overrides }) as const;

/** Runs events from a state and answers the last state. */
function run(state: AutosaveState, ...events: AutosaveEvent[]): AutosaveState {
  return events.reduce((s, e) => autosaveStep(s, e).state, state);
}

describe('autosave machine', () => {
  it('starts as new without a post and saved with one', () => {
    expect(initialAutosaveState(false).status).toBe('new');
    expect(initialAutosaveState(true).status).toBe('saved');
  });

  it('an edit makes the story unsaved and schedules a save after the quiet time', () => {
    const step = autosaveStep(initialAutosaveState(true), edit(1_000));
    expect(step.state).toEqual({ status: 'unsaved', firstUnsavedAt: 1_000 });
    expect(step.timer).toEqual({ kind: 'schedule', delayMs: quietMs });
  });

  it('keeps typing from postponing a save past the longest wait', () => {
    let state = initialAutosaveState(true);
    state = autosaveStep(state, edit(0)).state;
    const late = autosaveStep(state, edit(maxWaitMs - 1_000));
    expect(late.timer).toEqual({ kind: 'schedule', delayMs: 1_000 });
    expect(autosaveStep(state, edit(maxWaitMs + 5)).timer).toEqual({
      kind: 'schedule',
      delayMs: 0,
    });
    expect(saveDelay(0, 3_000)).toBe(quietMs);
  });

  it('a published story (not automatic) turns unsaved but schedules nothing', () => {
    const step = autosaveStep(initialAutosaveState(true), edit(5, { isAutomatic: false }));
    expect(step.state.status).toBe('unsaved');
    expect(step.state.firstUnsavedAt).toBeNull();
    expect(step.timer).toEqual({ kind: 'keep' });
  });

  it('ignores edits that change nothing worth saving (e.g. a new story without a headline)', () => {
    const step = autosaveStep(initialAutosaveState(false), edit(5, { isWorthSaving: false }));
    expect(step.state.status).toBe('new');
    expect(step.timer).toEqual({ kind: 'keep' });
  });

  it('flush cancels the timer and starts the longest wait afresh', () => {
    const state = run(initialAutosaveState(true), edit(0));
    const step = autosaveStep(state, { type: 'flush' });
    expect(step.timer).toEqual({ kind: 'cancel' });
    expect(step.state.firstUnsavedAt).toBeNull();
    expect(autosaveStep(step.state, edit(20_000)).timer).toEqual({
      kind: 'schedule',
      delayMs: quietMs,
    });
  });

  it('goes saving → saved, or back to unsaved when edits came in during the request', () => {
    const saving = run(
      initialAutosaveState(true),
      edit(0),
      { type: 'flush' },
      { type: 'save-start' },
    );
    expect(saving.status).toBe('saving');
    // An edit during the request keeps "Saving…" (and schedules the next save).
    const edited = autosaveStep(saving, edit(100));
    expect(edited.state.status).toBe('saving');
    expect(edited.timer.kind).toBe('schedule');
    expect(run(saving, { type: 'save-ok', hasMore: false }).status).toBe('saved');
    expect(run(edited.state, { type: 'save-ok', hasMore: true }).status).toBe('unsaved');
  });

  it('a save with nothing changed is saved', () => {
    expect(run(run(initialAutosaveState(true), edit(0)), { type: 'save-skip' }).status).toBe(
      'saved',
    );
  });

  it('a failed save is an error, and the next edit makes it unsaved again', () => {
    const failed = run(
      initialAutosaveState(true),
      edit(0),
      { type: 'save-start' },
      {
        type: 'save-failed',
      },
    );
    expect(failed.status).toBe('error');
    expect(maySave(failed)).toBe(true);
    expect(run(failed, edit(50)).status).toBe('unsaved');
  });

  it('a conflict stops saving until the writer keeps theirs or takes the other version', () => {
    const conflict = run(
      initialAutosaveState(true),
      edit(0),
      { type: 'save-start' },
      {
        type: 'save-conflict',
      },
    );
    expect(conflict.status).toBe('conflict');
    expect(maySave(conflict)).toBe(false);
    // Further typing is kept in the draft, but neither the label nor the timer moves.
    expect(autosaveStep(conflict, edit(10))).toEqual({ state: conflict, timer: { kind: 'keep' } });
    const kept = run(conflict, { type: 'retry' });
    expect(kept.status).toBe('unsaved');
    expect(maySave(kept)).toBe(true);
    expect(run(conflict, { type: 'rebase' }).status).toBe('saved');
  });

  it('retry outside a conflict changes nothing', () => {
    const saved = initialAutosaveState(true);
    expect(run(saved, { type: 'retry' })).toEqual(saved);
  });

  it('warns before leaving only while edits are unsaved or being saved', () => {
    const statuses = ['new', 'saved', 'unsaved', 'saving', 'error', 'conflict'] as const;
    expect(statuses.filter((status) => hasUnsavedEdits({ status, firstUnsavedAt: null }))).toEqual([
      'unsaved',
      'saving',
    ]);
  });
});
