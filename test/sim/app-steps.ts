/**
 * Another app editing the same tenant through the REST API (the HTTP remote with the
 * tenant's token): it reads a contact, then writes with the revision it read (sometimes a
 * stale one, which the server must refuse).
 */
import type { Contact } from '../../src/model/contact.js';
import { ContactsError } from '../../src/model/contacts-error.js';
import { describe } from './local-steps.js';
import { Prng } from './prng.js';
import type { SimStep } from './sim-plan.js';
import { LABEL_POOL, newInfo, randomPatch, tagOf } from './sim-values.js';
import type { SimWorld } from './sim-world.js';

type AppStep = Extract<SimStep, { kind: 'app' }>;
type AppOp = 'create' | 'update' | 'delete' | 'label' | 'unlabel' | 'member';

const OPS: Readonly<Record<AppOp, number>> = { create: 25, update: 45, delete: 7, label: 10, unlabel: 6, member: 3 };

/** Answers the server may give the app's well-formed writes. */
const EXPECTED: readonly string[] = ['DUPLICATE_CONTACT_EXISTS', 'CANNOT_UPDATE_MEMBER_EMAIL', 'CANNOT_DELETE_MEMBER', 'CONTACT_NOT_FOUND'];

/** Runs one edit of the other app. */
export async function runAppStep(world: SimWorld, step: AppStep): Promise<void> {
  const prng = new Prng(step.r);
  const op = prng.weighted(OPS);
  try {
    if (op === 'create') {
      const info = newInfo(prng, step.id, `T${step.id}`);
      for (const key of info.labelKeys?.items ?? []) await world.app.ensureLabel(key.slice('custom.'.length));
      const created = await world.app.createContact(info, { idempotencyKey: `app-${world.plan.seed}-${step.id}` });
      world.edits.created('app', step.id, created.info);
      return;
    }
    const all = await world.serverContacts();
    if (all.length === 0) return;
    await edit(world, step, prng, op, prng.pick(all));
  } catch (e) {
    if (e instanceof ContactsError && EXPECTED.includes(e.code)) return;
    world.violate('server-api', `app ${op}: ${describe(e)}`, step.id);
  }
}

async function edit(world: SimWorld, step: AppStep, prng: Prng, op: Exclude<AppOp, 'create'>, listed: Contact): Promise<void> {
  const { app } = world;
  const current = await app.getContact(listed._id);
  const tag = tagOf(current.info) ?? '';
  switch (op) {
    case 'update': {
      const stale = prng.chance(0.15);
      const revision = stale ? current.revision + (current.revision > 1 && prng.chance(0.5) ? -1 : 1) : current.revision;
      try {
        const updated = await app.updateContact(current._id, randomPatch(prng, step.id, current.info), revision);
        if (stale) world.violate('server-api', `app update with stale revision ${revision} (current ${current.revision}) accepted`, step.id);
        world.edits.changed('app', step.id, tag, current.info, updated.info);
      } catch (e) {
        if (!(e instanceof ContactsError && e.code === 'CONTACT_ALREADY_CHANGED')) throw e;
        if (!stale) world.violate('server-api', `app update with the current revision ${revision} refused`, step.id);
      }
      return;
    }
    case 'delete':
      await app.deleteContact(current._id);
      world.edits.deleted('app', step.id, current);
      return;
    case 'label': {
      const key = prng.pick(LABEL_POOL);
      await app.ensureLabel(key.slice('custom.'.length));
      const labelled = await app.labelContact(current._id, [key]);
      world.edits.changed('app', step.id, tag, current.info, labelled.info);
      return;
    }
    case 'unlabel': {
      const present = current.info.labelKeys?.items ?? [];
      if (present.length === 0) return;
      const unlabelled = await app.unlabelContact(current._id, [prng.pick(present)]);
      world.edits.changed('app', step.id, tag, current.info, unlabelled.info);
      return;
    }
    case 'member': {
      await world.tenant.seedMember(world.tenant.tenantId, current._id);
      const member = await app.getContact(current._id);
      world.memberRevisions.set(member._id, [...(world.memberRevisions.get(member._id) ?? []), member.revision]);
      return;
    }
  }
}
