/** Hand-built SDK contacts and small helpers for the query tests (no other module's code). */
import { ContactsError } from '../../../src/model/contacts-error.js';
import type { Contact } from '../../../src/model/contact.js';
import type { QueryOperator } from '../../../src/model/query/query-fields.js';

/** Every operator, in the order the tests iterate them. */
export const ALL_OPERATORS: readonly QueryOperator[] = [
  'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'startsWith', 'hasSome', 'hasAll',
];

/** A bare contact with an empty info. */
export function bare(id: string): Contact {
  return { _id: id, revision: 1, info: {} };
}

/** The ContactsError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): ContactsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ContactsError) return e;
    throw new Error(`expected a ContactsError, got ${String(e)}`);
  }
  throw new Error('expected a ContactsError, nothing was thrown');
}

/** A contact with every filterable field filled, to read each field from. */
export function fullContact(): Contact {
  return {
    _id: 'c-1',
    revision: 3,
    _createdDate: new Date('2024-01-02T03:04:05.000Z'),
    _updatedDate: new Date('2024-02-03T04:05:06.000Z'),
    lastActivity: { activityDate: new Date('2024-01-02T03:04:05.000Z'), activityType: 'CONTACT_CREATED' },
    primaryInfo: { email: 'ann@example.com', phone: '+1 212 555 0100' },
    primaryEmail: { email: 'ann@example.com', subscriptionStatus: 'SUBSCRIBED', deliverabilityStatus: 'VALID' },
    primaryPhone: {
      phone: '+1 212 555 0100', e164Phone: '+12125550100', formattedPhone: '+1 212-555-0100', countryCode: 'US',
      subscriptionStatus: 'NOT_SET',
    },
    info: {
      name: { first: 'Ann', last: 'Lee' },
      emails: { items: [{ email: 'ann@example.com', primary: true }, { email: 'ann@work.example', primary: false }] },
      phones: { items: [{ phone: '+1 212 555 0100', e164Phone: '+12125550100' }, { phone: '555-0199' }] },
      addresses: {
        items: [
          { address: { streetAddress: { number: '5', name: 'Main St' }, city: 'Springfield', subdivision: 'US-IL', country: 'US' } },
          { address: { addressLine1: '1 Rue Haute', city: 'Lyon', country: 'FR' } },
          {},
        ],
      },
      company: 'Acme', jobTitle: 'CTO', birthdate: '1990-05-06', locale: 'en-US',
      labelKeys: { items: ['custom.vip', 'custom.friend'] },
      locations: { items: ['loc-1'] },
      extendedFields: { items: { 'custom.age': 42, 'custom.nick': 'annie', 'contacts.displayByFirstName': 'Ann Lee' } },
    },
  };
}
