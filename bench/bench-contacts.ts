/**
 * The deterministic data of the local-store bench: 10,000 realistic contacts from the seeded
 * generator of test/support, and the same sequence's `pick` for the work each round draws.
 * Shared with bench/profile-local.ts so that profiles run on exactly the bench's contacts;
 * one module instance keeps one random sequence, so the bench draws what it always drew.
 */
import type { ContactInfo } from '../src/model/contact.js';
import { realisticContacts } from '../test/support/realistic-contacts.js';

const contacts = realisticContacts(42);

/** A random element of `xs`, from the bench's seeded sequence. */
export const pick = <T>(xs: readonly T[]): T => contacts.pick(xs);

/** The `i`-th contact of the bench (call in order: it draws from the shared sequence). */
export const realisticInfo = (i: number): ContactInfo => contacts.info(i);
