import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

describe('src/index.ts', () => {
  it('exports exactly the curated runtime surface', () => {
    expect(Object.keys(api).sort()).toEqual(['ContactsError', 'ERROR_STATUS', 'isContactsErrorCode', 'merge3', 'openContacts']);
    expect(api.ERROR_STATUS.CLIENT_CLOSED).toBe(503);
    expect(api.isContactsErrorCode('CONTACT_NOT_FOUND')).toBe(true);
  });
});
