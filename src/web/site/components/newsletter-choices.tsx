import { z } from 'zod';
import type { Newsletter } from '../../../features/newsletters/index.js';
import { h, type Html } from '../jsx/index.js';

/** One list as a sign-up form offers it. */
export interface NewsletterChoice {
  newsletter: Newsletter;
  isChecked: boolean;
  /** False: shown, but the box is disabled (a paid members' list, for others). */
  mayJoin: boolean;
}

/** The form field of one list: `nl-<id>`, so each box has its own name (no repeated fields). */
export const newsletterFieldName = (id: string): string => `nl-${id}`;

const fieldPattern = /^nl-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The list ids a posted form ticked. */
export function tickedNewsletterIds(form: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(form).flatMap((name) => {
    const id = fieldPattern.exec(name)?.[1];
    return id && form[name] ? [id] : [];
  });
}

/** Whether a form field name is one of the lists' boxes (for the form schemas). */
export const isNewsletterField = (name: string): boolean => fieldPattern.test(name);

/**
 * The lists as checkboxes, each with what it is and how often it comes. A real fieldset with a
 * legend; works without JavaScript.
 */
export function NewsletterChoices(props: {
  legend: string;
  choices: readonly NewsletterChoice[];
  /** Where a reader who may not join a paid list can become a paying member, if anywhere. */
  membershipUrl?: string | undefined;
}): Html {
  return (
    <fieldset class="newsletter-choices">
      <legend>{props.legend}</legend>
      {props.choices.map(({ newsletter, isChecked, mayJoin }) => {
        const id = `newsletter-${newsletter.slug}`;
        return (
          <div class={`newsletter-choice${mayJoin ? '' : ' is-unavailable'}`}>
            <input
              type="checkbox"
              id={id}
              name={newsletterFieldName(newsletter.id)}
              value="on"
              checked={isChecked && mayJoin}
              disabled={!mayJoin}
              aria-describedby={`${id}-about`}
            />
            <label for={id}>
              <strong>{newsletter.name}</strong>
              {newsletter.cadence ? (
                <span class="newsletter-cadence"> · {newsletter.cadence}</span>
              ) : null}
            </label>
            <p class="newsletter-about" id={`${id}-about`}>
              {newsletter.description}
              {mayJoin ? null : (
                <span>
                  {' '}
                  {newsletter.audience === 'paid' ? 'For paying members' : 'For free members'}
                  {newsletter.audience === 'paid' && props.membershipUrl ? (
                    <span>
                      {' — '}
                      <a href={props.membershipUrl}>become one</a>
                    </span>
                  ) : null}
                  .
                </span>
              )}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * A form schema with these fields plus any number of list boxes (`nl-<id>`); any other field is
 * refused with a message naming it, as strict forms do.
 */
export const withNewsletterBoxes = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .catchall(z.string().max(10))
    .superRefine((form, ctx) => {
      for (const name of Object.keys(form))
        if (!Object.hasOwn(shape, name) && !isNewsletterField(name))
          ctx.addIssue({ code: 'custom', path: [name], message: `unknown field: ${name}` });
    });
