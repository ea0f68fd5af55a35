import {
  FormField,
  namedProblem,
  problemFor,
  type FieldProblem,
} from '../../components/form-field.js';
import { Layout } from '../../components/layout.js';
import { documentHtml, h, type Child, type Html } from '../../jsx/index.js';
import type { SiteContext } from '../../site-context.js';

/**
 * What the paid-membership pages share (membership-page, gift-page, thanks-page, redeem-page):
 * their layout, money, and a form sent back with its problems under the fields.
 */

/** 500 + 'usd' → "$5.00". */
export const formatMoney = (amount: number, currency: string): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(
    amount / 100,
  );

/** A membership, gift or redeem page in the newsroom's layout; only /membership/ is indexed. */
export function paymentPage(
  site: SiteContext,
  title: string,
  path: string,
  children: Child,
): string {
  return documentHtml(
    <Layout
      site={site}
      meta={{
        title: `${title} — ${site.settings.siteName}`,
        description: title,
        canonical: `${site.publicUrl}${path}`,
        isNoIndex: path !== '/membership/',
      }}
    >
      <section class="membership-page">{children}</section>
    </Layout>,
  );
}

/** What a reader sent that came back with problems: which form, its fields, and what to fix. */
export interface FormAttempt {
  /** `tier-<id>`, `amount-<id>`, `donation` or `gift`. */
  form: string;
  values: Readonly<Record<string, string | undefined>>;
  problems: FieldProblem[];
}

/** Labels by field name, so a problem reads "Your email must be …". */
const fieldLabels: Record<string, string> = {
  email: 'Your email',
  buyerEmail: 'Your email',
  recipientEmail: 'Their email',
  recipientName: 'Their name',
  amount: 'Amount',
  message: 'Message',
  months: 'Length',
  tierId: 'Membership',
  interval: 'Billing period',
};

/** The attempt's problem for one field of one form, named by its label. */
export function problemOf(attempt: FormAttempt | undefined, form: string, field: string) {
  if (!attempt || attempt.form !== form) return undefined;
  const message = problemFor(attempt.problems, field);
  return message ? namedProblem(fieldLabels[field] ?? field, message) : undefined;
}

/** Problems of this form that no visible field owns (a tier that went off sale). */
export function OtherProblems(props: {
  attempt: FormAttempt | undefined;
  form: string;
  shown: string[];
}): Html | null {
  const { attempt } = props;
  if (!attempt || attempt.form !== props.form) return null;
  const rest = attempt.problems.filter((p) => !props.shown.includes(p.field));
  return rest.length === 0 ? null : (
    <p class="form-problem" role="alert">
      {rest.map((p) => namedProblem(fieldLabels[p.field] ?? p.field, p.message)).join(' ')}
    </p>
  );
}

export const valueOf = (attempt: FormAttempt | undefined, form: string, field: string) =>
  attempt?.form === form ? attempt.values[field] : undefined;

export const EmailField = (props: {
  name: string;
  label: string;
  id: string;
  form: string;
  attempt: FormAttempt | undefined;
}) => (
  <FormField
    id={props.id}
    name={props.name}
    label={props.label}
    type="email"
    isRequired
    autocomplete="email"
    maxlength={254}
    value={valueOf(props.attempt, props.form, props.name)}
    problem={problemOf(props.attempt, props.form, props.name)}
  />
);
