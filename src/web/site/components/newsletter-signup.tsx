import { h, type Html } from '../jsx/index.js';
import type { SiteContext } from '../site-context.js';
import { newsletterFieldName } from './newsletter-choices.js';

/**
 * The sign-up block after a story's body, for signed-out readers (story pages are cached per
 * audience, so members never get it): the lists new members get by default, one email field,
 * confirmed through the emailed link like every sign-up. Posts to /newsletters/.
 */
export function NewsletterSignup(props: { site: SiteContext }): Html | null {
  const lists = props.site.newsletters.filter(
    (list) => list.subscribeOnSignup && list.audience !== 'paid',
  );
  const first = lists[0];
  if (!first) return null;
  const names = lists.map((list) => list.name).join(' and ');
  return (
    <aside class="newsletter-signup" aria-labelledby="newsletter-signup-heading">
      <h2 id="newsletter-signup-heading">Get {names} by email</h2>
      {first.description ? <p>{first.description}</p> : null}
      <form method="post" action="/newsletters/" class="newsletter-signup-form">
        <input type="hidden" name="source" value="story-page" />
        {lists.map((list) => (
          <input type="hidden" name={newsletterFieldName(list.id)} value="on" />
        ))}
        <label for="newsletter-signup-email">Email address</label>
        <input
          id="newsletter-signup-email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxlength={254}
        />
        <button class="button" type="submit">
          Subscribe
        </button>
      </form>
      <p class="form-hint">
        We send a link to confirm. <a href="/newsletters/">All our newsletters</a>
      </p>
    </aside>
  );
}
