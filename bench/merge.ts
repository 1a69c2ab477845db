/**
 * merge3 throughput, in merges per second, against the 100,000/s target of issue #3.
 *
 * Headline: a typical contact (name, 2 emails, 2 phones, 1 address, 3 labels, 3 extended
 * fields) that both sides edited, with one conflicting field (the company). Two more lines
 * show the slower path where both sides changed the same list, so items are matched one by
 * one (by `_id`, then by identity key). Each line is the median of a few rounds; the CPU
 * figure (this process's CPU time) says how much of a low wall figure is a busy machine.
 * Run: npx tsx bench/merge.ts (about 10 s).
 */
import type { ContactInfo } from '../src/model/contact.js';
import { normalizeInfo } from '../src/model/normalize.js';
import { merge3 } from '../src/merge/merge3.js';

const TARGET = 100_000;
const ROUNDS = 5;
const ROUND_MS = 600;

interface Scenario { name: string; base: ContactInfo; local: ContactInfo; remote: ContactInfo; conflicts: number }

function typicalContact(withIds: boolean): ContactInfo {
  const id = (v: string) => (withIds ? { _id: v } : {});
  return normalizeInfo({
    name: { first: 'Ann', last: 'Lee' },
    emails: { items: [{ ...id('e1'), tag: 'MAIN', email: 'ann@example.com' }, { ...id('e2'), tag: 'WORK', email: 'ann.lee@corp.example.io' }] },
    phones: { items: [{ ...id('p1'), tag: 'MOBILE', countryCode: 'US', phone: '(415) 555-2671' }, { ...id('p2'), tag: 'HOME', countryCode: 'GB', phone: '020 7946 0958' }] },
    addresses: { items: [{ ...id('a1'), tag: 'HOME', address: { addressLine1: '10 Rue de Rivoli', city: 'Paris', country: 'FR', postalCode: '75001' } }] },
    company: 'Acme',
    labelKeys: { items: ['custom.vip', 'custom.lead', 'custom.newsletter'] },
    extendedFields: { items: { 'custom.tier': 'gold', 'custom.score': 42, 'custom.since': '2020-01-01' } },
  });
}

function edited(info: ContactInfo, change: (d: ContactInfo) => void): ContactInfo {
  const d = structuredClone(info);
  change(d);
  return normalizeInfo(d);
}

function scenarios(): Scenario[] {
  const base = typicalContact(true);
  const typical: Scenario = {
    name: 'typical contact, one conflicting field',
    base,
    local: edited(base, (d) => { d.company = 'Acme Inc'; d.emails!.items[1]!.tag = 'HOME'; }),
    remote: edited(base, (d) => { d.company = 'ACME'; d.labelKeys!.items.push('custom.customer'); d.extendedFields!.items['custom.score'] = 43; }),
    conflicts: 1,
  };
  const sameList = (withIds: boolean): Scenario => {
    const b = typicalContact(withIds);
    return {
      name: `both sides edit the phones, items ${withIds ? 'with _id' : 'without _id (identity keys)'}`,
      base: b,
      local: edited(b, (d) => { d.company = 'Acme Inc'; d.phones!.items[0]!.tag = 'WORK'; }),
      remote: edited(b, (d) => { d.company = 'ACME'; d.phones!.items[1]!.tag = 'MOBILE'; }),
      conflicts: 1,
    };
  };
  return [typical, sameList(true), sameList(false)];
}

/** Median merges per second (wall clock and CPU time) over ROUNDS rounds. */
function measure(s: Scenario): { wall: number; cpu: number } {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += merge3(s.base, s.local, s.remote).conflicts.length; // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let n = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    while (performance.now() - start < ROUND_MS) {
      for (let i = 0; i < 1_000; i++) sink += merge3(s.base, s.local, s.remote).conflicts.length;
      n += 1_000;
    }
    const { user, system } = process.cpuUsage(cpuStart);
    wall.push((n / (performance.now() - start)) * 1_000);
    cpu.push(n / ((user + system) / 1e6));
  }
  if (sink === 0) throw new Error('no conflicts: the benchmark is not measuring what it says');
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { wall: median(wall), cpu: median(cpu) };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

for (const s of scenarios()) {
  const got = merge3(s.base, s.local, s.remote).conflicts.length;
  if (got !== s.conflicts) throw new Error(`${s.name}: expected ${s.conflicts} conflict(s), got ${got}`);
  const { wall, cpu } = measure(s);
  console.log(`merge3, ${s.name}: ${fmt(wall)} merges/s = ${(wall / TARGET).toFixed(2)}x the ${fmt(TARGET)}/s target (CPU time: ${fmt(cpu)}/s)`);
}
