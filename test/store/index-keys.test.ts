import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/model/contact.js';
import { normalizeInfo } from '../../src/model/normalize.js';
import { derivePrimaryFields } from '../../src/model/normalize.js';
import { indexKeysOf } from '../../src/store/index-keys.js';

function contact(info: Contact['info'], created?: Date): Contact {
  const normal = normalizeInfo(info);
  return { _id: 'c', revision: 1, ...(created ? { _createdDate: created } : {}), ...derivePrimaryFields(normal), info: normal };
}

describe('indexKeysOf', () => {
  it('lower-cases the string keys and fills missing ones with ""', () => {
    const k = indexKeysOf(contact({ name: { first: 'ÉMILE' }, emails: { items: [{ email: 'Emile@Example.COM' }] } }, new Date(5)));
    expect(k).toEqual({
      first: 'émile', last: '', email: 'emile@example.com', phone: '', created: 5, labels: [],
      dupEmail: 'emile@example.com', dupPhone: '',
    });
  });

  it('keys a contact with an email by its phone too, so a phone-only contact finds it', () => {
    const k = indexKeysOf(contact({ emails: { items: [{ email: 'a@b.io' }] }, phones: { items: [{ phone: '+1 (415) 555-2671' }] } }));
    expect(k.dupEmail).toBe('a@b.io');
    expect(k.dupPhone).toBe('+14155552671');
    expect(k.phone).toBe('+1 (415) 555-2671');
  });

  it('uses the primary items, not the first ones', () => {
    const k = indexKeysOf(contact({ emails: { items: [{ email: 'x@b.io' }, { email: 'Y@b.io', primary: true }] }, labelKeys: { items: ['custom.a'] } }));
    expect(k.email).toBe('y@b.io');
    expect(k.dupEmail).toBe('y@b.io');
    expect(k.labels).toEqual(['custom.a']);
  });

  it('sorts a contact without a creation date first, as the model does', () => {
    expect(indexKeysOf(contact({ name: { first: 'A' } })).created).toBe(Number.NEGATIVE_INFINITY);
  });
});
