/**
 * Regression tests for the bugs the simulation found, each named after what broke. Each
 * has the focused scenario (fast, deterministic) and, where the seed reproduces it, the
 * shrunk history of the seed that found it (replayed step for step).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index.js';
import { freshToken, openDevice, person, serverApi, startTestServer, TOKENS, type Device } from '../support/sync-harness.js';
import { runOnce } from './run-seeds.js';
import type { SimPlan } from './sim-plan.js';
import { SimServer } from './sim-server.js';

let server: RunningServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

async function device(token: string): Promise<Device> {
  return openDevice(server, { token, paused: true });
}

const posts = (d: Device): number => d.net.log.filter((r) => r.method === 'POST' && new URL(r.url).pathname === '/contacts/v4/contacts').length;

describe('found by the simulation', () => {
  it('two syncNow() calls on a paused engine do not run overlapping rounds', async () => {
    const token = freshToken();
    const a = await device(token);
    await a.client.createContact(person('Twice'));
    await Promise.all([a.client.sync.syncNow(), a.client.sync.syncNow()]);
    // Overlapping rounds sent the same create twice (the key saved the day) and committed it twice.
    expect(posts(a)).toBe(1);
    await a.client.destroy();
  });

  // A refused delete restored the contact at local revision 1: the delete row now keeps
  // the revision the contact had (src/store), and the park continues from it.
  it('refused delete keeps the local revision going up', async () => {
    const token = freshToken();
    const created = await serverApi(server, token).createContact(person('Member'), { idempotencyKey: crypto.randomUUID() });
    const a = await device(token);
    await a.client.sync.syncNow();
    let { revision } = await a.client.getContact(created._id);
    ({ contact: { revision } } = await a.client.updateContact(created._id, { company: 'One' }, revision));
    ({ contact: { revision } } = await a.client.updateContact(created._id, { company: 'Two' }, revision));
    await server.seedMember(TOKENS[token]!, created._id);
    await a.client.deleteContact(created._id);
    await a.client.sync.syncNow();
    expect(await a.client.listConflicts()).toMatchObject([{ kind: 'rejected', code: 'CANNOT_DELETE_MEMBER' }]);
    const back = await a.client.getContact(created._id);
    // A caller still holding revision 1 (read before the edits) must not be able to write.
    expect(back.revision).toBeGreaterThan(revision);
    await a.client.destroy();
  });
});

describe('found by the soak, replayed from the shrunk history of the seed', () => {
  const sim = new SimServer();
  afterAll(async () => { await sim.close(); });

  it('seed 1169: an edit made while a refused create was out is kept in the rejected conflict', async () => {
    // d0 creates a contact, labels it with a key the server cannot create, and edits it while
    // its POST is held; the server refuses the create (400 LABEL_NOT_FOUND). The conflict
    // kept the contact as sent, and the edit made meanwhile vanished with the removed contact.
    const plan: SimPlan = {
      seed: 1169,
      policies: ['remote', 'local', 'remote'],
      steps: [
        { id: 65, kind: 'create', device: 0, r: 527572758 },
        { id: 67, kind: 'label', device: 0, r: 662829018 },
        { id: 71, kind: 'sync-edit', device: 0, r: 3466978794 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 1169 (second history): an edit made while a refused update was out survives the revert', async () => {
    // The same seed, shrunk differently once the create case was fixed: d0's contact exists
    // on the server; d0 labels it with a key the server cannot create and edits it while the
    // PATCH is held. The 400 reverted the contact to the server's copy, edits made meanwhile
    // included, and their row then had nothing left to push.
    const plan: SimPlan = {
      seed: 1169,
      policies: ['remote', 'local', 'remote'],
      steps: [
        { id: 59, kind: 'create', device: 0, r: 3384235305 },
        { id: 62, kind: 'sync', device: 0 },
        { id: 67, kind: 'label', device: 0, r: 662829018 },
        { id: 71, kind: 'sync-edit', device: 0, r: 3466978794 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 1603: another app adding a second item with an email a device removed is an add (checker)', async () => {
    // Not an engine bug: the merge kept the other app's new item, as it should, but the edit
    // log compared email sets, so the app's second copy of the address was no add and the
    // device's removal looked lost. The log now counts items.
    const plan: SimPlan = {
      seed: 1603,
      policies: ['local', 'local', 'local'],
      steps: [
        { id: 32, kind: 'create', device: 2, r: 1698758997 },
        { id: 63, kind: 'crash', device: 2, at: 4, sent: true },
        { id: 88, kind: 'update', device: 2, r: 3279102912, stale: false },
        { id: 98, kind: 'app', r: 2557663886 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 1923: a member\'s contact deleted here before its create was answered comes back, and sync goes on', async () => {
    // A create whose answer was lost, then a local delete: the engine replays the create to
    // learn the id and deletes that, but the other app had made it a member (428). With no
    // base the refusal was rethrown: every later round failed on it. The server's copy now
    // comes back with a rejected conflict. History: fixtures/seed-1923.json (76 steps).
    const plan = JSON.parse(readFileSync(new URL('./fixtures/seed-1923.json', import.meta.url), 'utf8')) as SimPlan;
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 120_000);

  it('seed 1226: a removal made while a PATCH was out survives the PATCH\'s lost answer', async () => {
    // d2 adds an email and pushes it; the server applies the PATCH but its answer is lost;
    // meanwhile the user removes that email. The retry met 409 and rebased onto the server's
    // copy, which is our own write: with the old base as merge base the email read as added
    // by somebody else and came back. A lost answer is now recorded (worker/update-attempts.ts).
    const plan: SimPlan = {
      seed: 1226,
      policies: ['local', 'local', 'local'],
      steps: [
        { id: 61, kind: 'create', device: 0, r: 722537373 },
        { id: 62, kind: 'sync', device: 0 },
        { id: 63, kind: 'sync', device: 2 },
        { id: 66, kind: 'fault', device: 2, fault: 'lose-response' },
        { id: 75, kind: 'fault', device: 2, fault: 'lose-response' },
        { id: 82, kind: 'sync-edit', device: 2, r: 498816218 },
        { id: 101, kind: 'sync-edit', device: 2, r: 1136000567 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);
  it('seed 7128: a label removed after its PATCH was sent and the page killed is removed on the server', async () => {
    // d0 labels a contact; its tab dies with the PATCH out (the server applied it); after the
    // restart the user removes the label. Add + remove cancel out against the base, so the
    // push sent nothing and dropped the rows; the pull then brought the label back. PATCHes
    // are now recorded before they are sent, and a push whose edits cancel out asks the
    // server whether one landed (worker/update-attempts.ts).
    const plan: SimPlan = {
      seed: 7128,
      policies: ['local', 'local', 'local'],
      steps: [
        { id: 2, kind: 'create', device: 0, r: 2900214521 },
        { id: 7, kind: 'sync', device: 0 },
        { id: 14, kind: 'label', device: 0, r: 850745869 },
        { id: 29, kind: 'crash', device: 0, at: 2, sent: true },
        { id: 63, kind: 'unlabel', device: 0, r: 1137018794 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 2155: an email removed while its PATCH was out stays removed after another device wrote on top', async () => {
    // d0's PATCH adding an email lands but its answer is lost; meanwhile the user removes the
    // email; d2 then edits the same contact. d0's retry meets 409 with a copy two revisions
    // on, so it is not recognisably ours, and merged against the old base the email read as
    // d2's addition and came back. The parts of our attempts that the server holds as sent
    // now count as in the merge base (worker/attempt-base.ts).
    const plan: SimPlan = {
      seed: 2155,
      policies: ['local', 'remote', 'local'],
      steps: [
        { id: 18, kind: 'create', device: 0, r: 1482732562 },
        { id: 62, kind: 'crash', device: 0, at: 4, sent: true },
        { id: 64, kind: 'update', device: 0, r: 3871950715, stale: false },
        { id: 66, kind: 'fault', device: 0, fault: 'lose-response' },
        { id: 82, kind: 'sync', device: 2 },
        { id: 84, kind: 'sync-edit', device: 2, r: 1209329394 },
        { id: 86, kind: 'sync-edit', device: 0, r: 3325475 },
        { id: 93, kind: 'sync-pair', device: 1, other: 2 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 2153: an edit of the copy a pull brought survives the re-key of the lost create', async () => {
    // d1 creates T67; the POST's answer is lost, the replay meets a 503 and the round's pull
    // brings the server's copy; d1 edits that copy (step 79); the replay's re-key at step 83
    // wrote d1's own copy over it at the same revision. History: fixtures/seed-2153.json.
    const plan = JSON.parse(readFileSync(new URL('./fixtures/seed-2153.json', import.meta.url), 'utf8')) as SimPlan;
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 120_000);

  it('seed 104786: \'take theirs\' on a duplicate that the server named by an email the push did not change drops what the push did change', async () => {
    // d2 makes two contacts with one shared address (the second with allowDuplicates); d1,
    // which had only the first, adds a phone to it. The server checks any write of emails or
    // phones and names the shared email. 'take theirs' put back the emails (unchanged) and
    // kept the phone, with nothing queued: d1 showed a phone the server never got.
    const plan: SimPlan = {
      seed: 104786,
      policies: ['local', 'local', 'local'],
      steps: [
        { id: 30, kind: 'create', device: 2, r: 427926371 },
        { id: 38, kind: 'sync', device: 2 },
        { id: 44, kind: 'sync', device: 1 },
        { id: 61, kind: 'sync-edit', device: 1, r: 577424579 },
        { id: 111, kind: 'create', device: 2, r: 2376187175 },
        { id: 137, kind: 'sync', device: 2 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 201438: an email removed after its lost PATCH stays removed when another device added one next to it', async () => {
    // d2 adds an email (step 25); its tab dies with the PATCH out and the server applies it
    // (r2). d1, which never saw r2, adds another email; its retry meets 409 and merges: r3
    // holds d1's email and ours. After the restart d2 removes its email (step 35); its retry
    // meets 409 with r3. The attempt counted into the merge base only for a whole list held
    // as sent, and r3's list was not: against the old base ours read as d1's addition and
    // came back. Each item the server holds as sent now counts (worker/attempt-base.ts).
    const plan: SimPlan = {
      seed: 201438,
      policies: ['remote', 'local', 'local'],
      steps: [
        { id: 3, kind: 'create', device: 1, r: 3854551155 },
        { id: 5, kind: 'update', device: 1, r: 1553943619, stale: false },
        { id: 10, kind: 'sync', device: 1 },
        { id: 18, kind: 'sync', device: 2 },
        { id: 25, kind: 'update', device: 2, r: 317714367, stale: false },
        { id: 28, kind: 'crash', device: 2, at: 1, sent: true },
        { id: 32, kind: 'update', device: 1, r: 1104428749, stale: false },
        { id: 35, kind: 'update', device: 2, r: 3458526155, stale: false },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 201385: keeping a duplicate the server deleted re-creates it, and its delete conflict no longer removes it here', async () => {
    // d2 pushes T0; d0 creates T11 with a shared email; d2 gives T0 that email, and its PATCH
    // is parked as a duplicate (409); d0 deletes T0, so d2's pull of the tombstone keeps the
    // parked contact with a delete conflict (base dropped). At step 55 d2 keeps its side of
    // the duplicate: no base, so the contact is created again. The delete conflict stayed
    // open, followed the contact onto its new server id at the re-key, and the heal's 'take
    // theirs' on it removed on d2 the contact the server had just created: d2 lacked it for good.
    const plan: SimPlan = {
      seed: 201385,
      policies: ['local', 'local', 'local'],
      steps: [
        { id: 0, kind: 'create', device: 2, r: 395992327 },
        { id: 9, kind: 'sync', device: 2 },
        { id: 11, kind: 'create', device: 0, r: 501624071 },
        { id: 12, kind: 'update', device: 2, r: 1408823473, stale: false },
        { id: 16, kind: 'crash', device: 0, at: 4, sent: true },
        { id: 20, kind: 'delete', device: 0, r: 2485866404 },
        { id: 21, kind: 'sync', device: 2 },
        { id: 22, kind: 'sync-pair', device: 0, other: 2 },
        { id: 24, kind: 'sync-pair', device: 2, other: 0 },
        { id: 55, kind: 'resolve', device: 2, r: 3771670311 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 103780: a create replayed after the other app deleted its contact leaves no copy here', async () => {
    // d1 creates T62; its POST meets a 503, then reaches the server with its answer lost
    // (and the round's pull a 503). The other app deletes the contact; d1's next pull brings
    // its create and its tombstone as a contact d1 does not know, so nothing changes there.
    // The heal replays the create: the server answers from its Idempotency-Key record, the
    // contact as created, and the re-key stored it. The feed had delivered the delete
    // already, so d1 showed for good a contact the server no longer has.
    const plan: SimPlan = {
      seed: 103780,
      policies: ['local', 'local', 'local'],
      steps: [
        { id: 61, kind: 'fault', device: 1, fault: '503' },
        { id: 62, kind: 'create', device: 1, r: 1703475876 },
        { id: 70, kind: 'sync', device: 1 },
        { id: 75, kind: 'fault', device: 1, fault: 'lose-response' },
        { id: 86, kind: 'fault', device: 1, fault: '503' },
        { id: 100, kind: 'sync', device: 1 },
        { id: 108, kind: 'app', r: 1812443150 },
        { id: 111, kind: 'sync-pair', device: 1, other: 2 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 104332: an email removed after its lost PATCH stays removed when another app made it primary', async () => {
    // d2 adds a second email; the server applies the PATCH (r2) but the answer is lost. The
    // other app makes that email primary and adds a phone (r3). d2's retry is held while the
    // user removes the email (step 43), then meets 409 with r3. The list differed from what
    // was sent only by the primary flag, so the attempt did not count, the email read as
    // the app's addition and came back. Items, and the primary, now count one by one.
    const plan: SimPlan = {
      seed: 104332,
      policies: ['remote', 'remote', 'local'],
      steps: [
        { id: 2, kind: 'create', device: 1, r: 2041210204 },
        { id: 20, kind: 'crash', device: 1, at: 4, sent: false },
        { id: 23, kind: 'sync', device: 2 },
        { id: 24, kind: 'fault', device: 2, fault: 'lose-response' },
        { id: 25, kind: 'update', device: 2, r: 2478213171, stale: false },
        { id: 26, kind: 'sync-pair', device: 0, other: 2 },
        { id: 27, kind: 'app', r: 2459258624 },
        { id: 43, kind: 'sync-edit', device: 2, r: 3250562194 },
      ],
    };
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 300324: a field conflict the join of two copies recorded is not replaced by a later conflict of that field without its value', async () => {
    // d2 creates T8; the POST's answer is lost and a pull brings the server's copy. Offline,
    // d2 sets name.first on its own copy (step 97) and on the pulled copy (step 101); the
    // replay's re-key joins them (its own copy, labelled last at step 120, wins: F101-0 is
    // kept as a field conflict), then the 409 on d1's edit (F54-1) records a new conflict on
    // name.first, which replaced the join's: F101-0 was nowhere. Which request of the heal
    // runs first varies, so this replay does not always reach the bug; the storing rule is
    // pinned by test/worker/conflict-rows.test.ts. History: fixtures/seed-300324.json.
    const plan = JSON.parse(readFileSync(new URL('./fixtures/seed-300324.json', import.meta.url), 'utf8')) as SimPlan;
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 120_000);

  it('seed 1400947: a copy deleted here comes back past its revisions when the lost create re-keys onto it', async () => {
    // d2 creates T2; the POST's answer is lost, the replay meets a 503 and the round's pull
    // brings the server's copy. Offline, d2 edits that copy to revision 2 (step 32) and
    // deletes it (step 104), and edits its own copy. At heal the DELETE is acknowledged, then
    // the replayed create re-keys d2's own copy onto the same server id: it came back at
    // revision 2 with other info. History: fixtures/seed-1400947.json (9 steps).
    const plan = JSON.parse(readFileSync(new URL('./fixtures/seed-1400947.json', import.meta.url), 'utf8')) as SimPlan;
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 1700470: a label removed on one of two copies of a contact does not undo its adding on the other', async () => {
    // d0 creates T5; the POST's answer is lost, a 429 on the replay, and the round's pull
    // brings the server's copy: d0 shows two T5s. d0 labels the pulled copy gold (step 15),
    // labels its own copy gold (96), and unlabels the pulled copy (107). The join keeps each
    // copy's net change, so gold stays; the check read the removal as the user's last word on
    // the contact and flagged it. Edits on two copies shown side by side are now concurrent
    // in the check (edit-log.ts `copy`). History: fixtures/seed-1700470.json (8 steps).
    const plan = JSON.parse(readFileSync(new URL('./fixtures/seed-1700470.json', import.meta.url), 'utf8')) as SimPlan;
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 2000824: a refused delete of the device\'s own copy does not write over the copy a pull brought', async () => {
    // d2 creates T16; the POST's answer is lost. The other app makes T16 a member; d2 deletes
    // its own copy (temporary id), and a pull brings the server's copy. In a round where d2
    // edits, the replay learns the id and the DELETE meets 428: the refusal brought the
    // contact back under the server id over the pulled copy, at a revision that copy had
    // shown with other info. History: fixtures/seed-2000824.json (8 steps).
    const plan = JSON.parse(readFileSync(new URL('./fixtures/seed-2000824.json', import.meta.url), 'utf8')) as SimPlan;
    const result = await runOnce(sim, plan);
    expect(result.violations).toEqual([]);
  }, 60_000);

  it('seed 1918: an extended field set while a round\'s first request was held is not lost', async () => {
    // Failed once (no-lost-edit, d1's ext:custom.sim-score at step 112) and never again in 6
    // replays: the failure depends on timing the seed does not fix. Its history has lost
    // answers on d1 and a crash with a PATCH out just before, the situation of 7128 and
    // 2155 (fixed since), but that it was the same bug is not shown (docs/RELIABILITY.md).
    // The replay guards the history, weakly. History: fixtures/seed-1918-failure.json.
    const failure = JSON.parse(readFileSync(new URL('./fixtures/seed-1918-failure.json', import.meta.url), 'utf8')) as { plan: SimPlan };
    const result = await runOnce(sim, failure.plan);
    expect(result.violations).toEqual([]);
  }, 120_000);
});
