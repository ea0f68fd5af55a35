import { useState } from 'react';
import { renderText } from '@shared/richtext/render-text.js';
import { diffLines } from '@shared/text-diff.js';
import type { Post } from '../../types.js';
import { draftOf, type StoryDraft } from './story-draft.js';
import { useNewsroomClock } from '../../ui/newsroom-clock.js';

const labels: Partial<Record<keyof StoryDraft, string>> = {
  title: 'Headline',
  dek: 'Dek',
  slug: 'Slug',
  body: 'Story',
  customExcerpt: 'Excerpt',
  visibility: 'Visibility',
};

const asText = (draft: StoryDraft, field: keyof StoryDraft): string => {
  if (field === 'body') return renderText(draft.body);
  const value = draft[field];
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/**
 * Someone saved this story while it was open here. Nothing of ours is saved until the writer
 * chooses: compare the two, keep ours (on top of theirs) or take theirs.
 */
export function ConflictNotice(props: {
  theirs: Post;
  mine: StoryDraft;
  /** What this writer changed since their last save: those fields are the ones kept as theirs. */
  mineChanged: readonly (keyof StoryDraft)[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const clock = useNewsroomClock();
  const [comparing, setComparing] = useState(false);
  const theirs = draftOf(props.theirs);
  const differing = (Object.keys(labels) as (keyof StoryDraft)[]).filter(
    (f) => asText(theirs, f) !== asText(props.mine, f),
  );
  return (
    <div className="conflict" role="alert" tabIndex={-1}>
      <p>
        <strong>Someone else saved this story</strong> at {clock.dateTime(props.theirs.updatedAt)}{' '}
        (version {props.theirs.version}) while you were editing. Your latest changes are not saved
        yet. Compare the versions, then keep your changes on top of theirs (what you did not touch
        keeps their version) or drop yours.
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setComparing((c) => !c)}>
          {comparing ? 'Hide comparison' : 'Compare versions'}
        </button>
        <button type="button" onClick={props.onKeepMine}>
          Keep my changes
        </button>
        <button type="button" className="secondary" onClick={props.onTakeTheirs}>
          Drop mine, use theirs
        </button>
      </div>
      {comparing ? (
        <div className="compare">
          {differing.length === 0 ? (
            <p>The text is the same; only other settings differ.</p>
          ) : (
            differing.map((field) => (
              <section key={field} aria-label={`${labels[field]}: their version and yours`}>
                <h2>
                  {labels[field]}{' '}
                  <span className="who-changed">
                    {props.mineChanged.includes(field)
                      ? '— changed by you: “Keep my changes” keeps yours'
                      : '— changed by them: kept either way'}
                  </span>
                </h2>
                <ol className="diff">
                  {diffLines(asText(theirs, field), asText(props.mine, field)).map((line, i) => (
                    <li key={i} className={`diff-${line.op}`}>
                      <span className="visually-hidden">
                        {line.op === 'insert'
                          ? 'Yours only: '
                          : line.op === 'delete'
                            ? 'Theirs only: '
                            : ''}
                      </span>
                      {line.text || '\u00a0'}
                    </li>
                  ))}
                </ol>
              </section>
            ))
          )}
          <p className="hint">Lines marked − are in their version only; + in yours only.</p>
        </div>
      ) : null}
    </div>
  );
}
