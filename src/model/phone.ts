/** Phone parsing: E.164 from a national number and an ISO country, and digit keys. */

/**
 * The E.164 form (`+14155552671`) of `phone` in `countryCode` (ISO alpha-2), or undefined
 * when the two do not parse into a plausible number. A `phone` that already starts with `+`
 * is parsed on its own.
 */
export function toE164(phone: string, countryCode?: string): string | undefined {
  void phone; void countryCode; throw new Error('TODO(model helper): not implemented yet');
}

/** The digits of a phone number, with a leading `+` kept if present. */
export function phoneDigits(phone: string): string {
  void phone; throw new Error('TODO(model helper): not implemented yet');
}
