/**
 * Fuzzing (fast-check): random JSON and mutated valid bodies on create, update, query and
 * label never produce a 5xx, and every 4xx is a Wix envelope.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoToWire } from '../../src/model/wire.js';
import { validInfoArb } from '../support/arbitraries.js';
import { at, createContact, startTestServer, type Answer, type TestServer } from './support/test-server.js';

let t: TestServer;
let id: string;
beforeAll(async () => {
  t = await startTestServer();
  id = String((await createContact(t, { name: { first: 'Fuzz' } }))['id']);
  await t.call('POST', '/contacts/v4/labels', { body: { displayName: 'vip' } });
});
afterAll(async () => {
  await t.close();
});

const RUNS = 150;

function checkAnswer(res: Answer): void {
  expect(res.status, res.text).toBeLessThan(500);
  if (res.status >= 400) {
    expect(typeof at(res.body, 'message'), res.text).toBe('string');
    const details = at(res.body, 'details');
    const ok = at(details, 'applicationError', 'code') !== undefined || Array.isArray(at(details, 'validationError', 'fieldViolations'));
    expect(ok, res.text).toBe(true);
  }
}

type Json = unknown;
type Mutation = readonly [number, Json, 'replace' | 'delete' | 'add'];

/** Every [parent, key] pair of a JSON tree (objects and arrays). */
function slots(v: Json, out: [Record<string, Json> | Json[], string | number][] = []): [Record<string, Json> | Json[], string | number][] {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); slots(x, out); });
  else if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, Json>;
    for (const k of Object.keys(o)) {
      out.push([o, k]);
      slots(o[k], out);
    }
  }
  return out;
}

function mutate(body: Json, mutations: readonly Mutation[]): Json {
  const copy = structuredClone(body);
  for (const [pick, value, op] of mutations) {
    const all = slots(copy);
    const slot = all[pick % Math.max(all.length, 1)];
    if (slot === undefined) continue;
    const [parent, key] = slot;
    if (Array.isArray(parent)) {
      if (op === 'delete') parent.splice(Number(key), 1);
      else if (op === 'add') parent.push(value);
      else parent[Number(key)] = value;
    } else if (op === 'delete') delete parent[String(key)];
    else if (op === 'add') parent[`x${pick}`] = value;
    else parent[String(key)] = value;
  }
  return copy;
}

const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<'replace' | 'delete' | 'add'>('replace', 'delete', 'add')),
  { minLength: 1, maxLength: 3 },
);

const validCreate = validInfoArb.map((info): Json => ({ info: infoToWire(info), allowDuplicates: true }));
const validPatch = validInfoArb.map((info): Json => ({ revision: 1, info: infoToWire(info) }));
const validQuery = fc.constant<Json>({
  query: {
    filter: { $and: [{ 'info.name.first': { $startsWith: 'a' } }, { createdDate: { $gt: '2020-01-01T00:00:00Z' } }, { 'info.labelKeys': { $hasSome: ['custom.vip'] } }] },
    sort: [{ fieldName: 'info.name.last', order: 'DESC' }], paging: { limit: 5, offset: 0 }, fieldsets: ['BASIC'],
  },
});
const validLabel = fc.constant<Json>({ labelKeys: ['custom.vip'] });

const bodies = (valid: fc.Arbitrary<Json>): fc.Arbitrary<Json> =>
  fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.tuple(valid, mutations).map(([b, m]) => mutate(b, m)));

async function fuzz(method: string, path: () => string, valid: fc.Arbitrary<Json>): Promise<void> {
  await fc.assert(fc.asyncProperty(bodies(valid), async (body) => {
    checkAnswer(await t.call(method, path(), { raw: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
  }), { numRuns: RUNS * 2, seed: 20_241_127 });
}

describe('fuzzing never yields a 5xx', () => {
  it('create', () => fuzz('POST', () => '/contacts/v4/contacts', validCreate), 120_000);
  it('update', () => fuzz('PATCH', () => `/contacts/v4/contacts/${id}`, validPatch), 120_000);
  it('query', () => fuzz('POST', () => '/contacts/v4/contacts/query', validQuery), 120_000);
  it('label', () => fuzz('POST', () => `/contacts/v4/contacts/${id}/labels`, validLabel), 120_000);

  it('the server still answers normally afterwards', async () => {
    const res = await t.call('GET', `/contacts/v4/contacts/${id}`);
    expect(res.status).toBe(200);
  });
});
