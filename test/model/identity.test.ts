import { describe, expect, it } from 'vitest';
import { addressKey, emailKey, phoneKey } from '../../src/model/identity.js';

describe('emailKey', () => {
  it('trims and lower-cases', () => {
    expect(emailKey('  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
  });
});

describe('phoneKey', () => {
  it('is the E.164 form when the number parses, whatever its formatting', () => {
    expect(phoneKey({ phone: '(415) 555-2671', countryCode: 'US' })).toBe('+14155552671');
    expect(phoneKey({ phone: '+1 415 555 2671' })).toBe('+14155552671');
  });

  it('falls back to the digits', () => {
    expect(phoneKey({ phone: '555-0100' })).toBe('5550100');
    expect(phoneKey({ phone: '555 0100', countryCode: 'US' })).toBe('5550100');
  });

  it('keeps the text of a number without digits, so two of them do not collide', () => {
    expect(phoneKey({ phone: ' Ask Reception ' })).toBe('ask reception');
    expect(phoneKey({ phone: 'none' })).not.toBe(phoneKey({ phone: 'n/a' }));
  });
});

describe('addressKey', () => {
  it('ignores case, blanks and spacing', () => {
    expect(addressKey({ city: ' New  York ', country: 'US', postalCode: '' }))
      .toBe(addressKey({ city: 'new york', country: 'us' }));
  });

  it('tells different fields apart even with the same text', () => {
    expect(addressKey({ city: 'Paris' })).not.toBe(addressKey({ addressLine2: 'Paris' }));
    expect(addressKey({ streetAddress: { number: '1', name: 'Main' } })).not.toBe(addressKey({ streetAddress: { number: '1 Main' } }));
  });

  it('ignores the derived formatted address and location when other fields exist', () => {
    expect(addressKey({ city: 'Paris', formatted: 'Paris, France', location: { latitude: 1 } })).toBe(addressKey({ city: 'Paris' }));
  });

  it('uses the formatted address when it is all there is', () => {
    expect(addressKey({ formatted: '1 Main St' })).not.toBe('');
    expect(addressKey({ formatted: '1 Main St' })).not.toBe(addressKey({ formatted: '2 Main St' }));
  });

  it('is empty for no address', () => {
    expect(addressKey(undefined)).toBe('');
    expect(addressKey({})).toBe('');
  });
});
