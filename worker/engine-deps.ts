/** What the sync engine is built from: storage, network, policy and the seams. */
import type { ConflictPolicy } from '../src/merge/merge3.js';
import type { IdFactory } from '../src/model/ids.js';
import type { ContactsRemote } from '../src/remote/contacts-remote.js';
import type { ContactsDb } from '../src/store/schema.js';
import type { Fence } from './fence.js';
import type { TxBatcher } from './tx-batcher.js';

/** The engine's collaborators. Everything with a clock or randomness is injected. */
export interface EngineDeps {
  readonly db: ContactsDb;
  readonly remote: ContactsRemote;
  readonly policy: ConflictPolicy;
  readonly now: () => number;
  readonly makeId: IdFactory;
  readonly fence: Fence;
  /** Shares transactions between concurrent push commits (absent: one transaction each). */
  readonly batcher?: TxBatcher;
}

/** Tunables of the protocol core. */
export const ENGINE_LIMITS = {
  /** Contacts pushed at the same time. */
  pushConcurrency: 8,
  /** 409 CONTACT_ALREADY_CHANGED -> get, merge, re-push: at most this many times per round. */
  maxRebaseAttempts: 5,
  /** Change-feed page size. */
  pullPageSize: 500,
} as const;
