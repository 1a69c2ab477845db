import { describe, expect, it } from 'vitest';
import { formatConflictPath, parseConflictPath, type ConflictTarget } from '../../src/merge/conflict-path.js';

const CASES: [string, ConflictTarget][] = [
  ['info.company', { kind: 'scalar', field: 'company' }],
  ['info.picture', { kind: 'scalar', field: 'picture' }],
  ['info.name.first', { kind: 'name', part: 'first' }],
  ['info.extendedFields.items[custom.vip]', { kind: 'extendedField', key: 'custom.vip' }],
  ['info.extendedFields.items', { kind: 'extendedFields' }],
  ['info.emails.items[e1].tag', { kind: 'itemField', list: 'emails', ref: 'e1', field: 'tag' }],
  ['info.phones.items[+14155552671].countryCode', { kind: 'itemField', list: 'phones', ref: '+14155552671', field: 'countryCode' }],
  ['info.addresses.items[a1]', { kind: 'item', list: 'addresses', ref: 'a1' }],
  ['info.emails.primary', { kind: 'primary', list: 'emails' }],
  ['info.phones.items', { kind: 'itemList', list: 'phones' }],
  ['info.labelKeys.items', { kind: 'setList', list: 'labelKeys' }],
];

describe('conflict paths', () => {
  it.each(CASES)('formats and parses %s', (path, target) => {
    expect(formatConflictPath(target)).toBe(path);
    expect(parseConflictPath(path)).toEqual(target);
  });

  it('parses back refs that contain brackets and dots', () => {
    const field: ConflictTarget = { kind: 'itemField', list: 'emails', ref: '"a].tag"@x.org', field: 'email' };
    const item: ConflictTarget = { kind: 'item', list: 'addresses', ref: '0=1]\u001f3=paris' };
    expect(parseConflictPath(formatConflictPath(field))).toEqual(field);
    expect(parseConflictPath(formatConflictPath(item))).toEqual(item);
  });

  it.each(['info.revision', 'info.emails.items[e1].primary.x', 'info.addresses.primary', 'company', 'info.name'])(
    'rejects %s', (path) => { expect(parseConflictPath(path)).toBeUndefined(); },
  );
});
