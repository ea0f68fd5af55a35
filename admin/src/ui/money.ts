// Amounts are integer minor units (cents) in the API; people type and read them in the
// currency's own units ("5.00 US$"): tier prices and member payments.

/** Minor-unit digits of a currency: 2 for USD, 0 for JPY (2 when the browser does not know it). */
export function fractionDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', {
        style: 'currency',
        currency: currency.toUpperCase(),
      }).resolvedOptions().maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** `$5.00` for 500 USD minor units, in the browser's locale. */
export function formatMoney(minor: number, currency: string): string {
  const major = minor / 10 ** fractionDigits(currency);
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: currency.toUpperCase(),
    }).format(major);
  } catch {
    return `${major.toFixed(fractionDigits(currency))} ${currency.toUpperCase()}`;
  }
}

/** The typed text ("5", "5.5", "5.00") for the form, from minor units; '' for none. */
export const minorToText = (minor: number | null, currency: string): string =>
  minor === null ? '' : (minor / 10 ** fractionDigits(currency)).toFixed(fractionDigits(currency));

/**
 * Minor units from typed text: null for blank, undefined when it is not an amount with at most
 * the currency's digits (a comma is read as the decimal mark, as many locales write it).
 */
export function textToMinor(text: string, currency: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const digits = fractionDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(trimmed)) return undefined;
  return Math.round(Number(trimmed) * 10 ** digits);
}
