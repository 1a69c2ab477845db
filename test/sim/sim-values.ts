/**
 * The data the simulation writes. Every value a step writes is unique (it carries the step
 * id), so the end-of-run checks can tell which edit a value came from; a few shared emails
 * and labels make duplicates and set merges happen on purpose.
 */
import type { ContactEmail, ContactInfo, ContactPhone } from '../../src/model/contact.js';
import type { Prng } from './prng.js';

/** Labels every device picks from (existing on the server once any engine pushed them). */
export const LABEL_POOL: readonly string[] = ['custom.sim-red', 'custom.sim-green', 'custom.sim-blue', 'custom.sim-gold'];
/** A well-formed key the server cannot create (its slug would be lower case): always refused. */
export const BAD_LABEL = 'custom.NotASlug';
/** Emails several contacts may share: duplicate detection. */
export const SHARED_EMAILS: readonly string[] = ['shared-1@sim.test', 'shared-2@sim.test'];
/** User extended fields the simulation writes. */
export const EXT_KEYS: readonly string[] = ['custom.sim-note', 'custom.sim-score'];

/**
 * The tag of a contact: `name.last`, set at creation and never edited, so a contact keeps
 * its identity across devices, re-keys and re-creations.
 */
export function tagOf(info: ContactInfo | undefined): string | undefined {
  return info?.name?.last;
}

const email = (address: string): ContactEmail => ({ email: address });

function freshEmail(prng: Prng, stepId: number, n: number): string {
  return prng.chance(0.12) ? prng.pick(SHARED_EMAILS) : `e${stepId}-${n}@sim.test`;
}

function freshPhone(stepId: number, n: number): ContactPhone {
  // Digits only, unique per step: never a duplicate, always a valid phone string.
  return { phone: `+1 555 ${String(stepId).padStart(4, '0')}${n}` };
}

/** The info of a new contact with tag `tag`. */
export function newInfo(prng: Prng, stepId: number, tag: string): ContactInfo {
  const info: ContactInfo = { name: { first: `F${stepId}`, last: tag } };
  if (prng.chance(0.5)) info.company = `Co${stepId}`;
  if (prng.chance(0.5)) info.emails = { items: [email(freshEmail(prng, stepId, 0))] };
  if (prng.chance(0.25)) info.phones = { items: [freshPhone(stepId, 0)] };
  if (prng.chance(0.25)) info.labelKeys = { items: [prng.pick(LABEL_POOL)] };
  if (prng.chance(0.2)) info.extendedFields = { items: { [prng.pick(EXT_KEYS)]: `x${stepId}` } };
  return info;
}

/** A patch of a few random fields of `current` (never `name.last`, never labels: those go through label ops). */
export function randomPatch(prng: Prng, stepId: number, current: ContactInfo): ContactInfo {
  const patch: ContactInfo = {};
  const count = 1 + prng.int(2);
  for (let i = 0; i < count; i++) {
    switch (prng.int(7)) {
      case 0: patch.name = { first: `F${stepId}-${i}` }; break;
      case 1: patch.company = prng.chance(0.1) ? '' : `Co${stepId}-${i}`; break;
      case 2: patch.jobTitle = `J${stepId}-${i}`; break;
      case 3: patch.extendedFields = { items: { [prng.pick(EXT_KEYS)]: `x${stepId}-${i}` } }; break;
      case 4: patch.emails = { items: editList(prng, current.emails?.items ?? [], () => email(freshEmail(prng, stepId, i))) }; break;
      case 5: patch.phones = { items: editList(prng, current.phones?.items ?? [], () => freshPhone(stepId, i)) }; break;
      default: patch.name = { first: `F${stepId}-${i}` }; patch.company = `Co${stepId}-${i}`; break;
    }
  }
  return patch;
}

/** A list edited as a user would: add an item, remove one, or switch the primary. */
function editList<T extends { primary?: boolean }>(prng: Prng, items: readonly T[], fresh: () => T): T[] {
  const copy = items.map((x) => ({ ...x }));
  const op = copy.length === 0 ? 0 : prng.int(3);
  if (op === 0 || copy.length === 0) {
    copy.push(fresh());
  } else if (op === 1) {
    copy.splice(prng.int(copy.length), 1);
  } else {
    const primary = prng.int(copy.length);
    copy.forEach((x, i) => { x.primary = i === primary; });
  }
  return copy;
}
