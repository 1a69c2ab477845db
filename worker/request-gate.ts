/**
 * A cap on the requests a push pass has out at once. The cap is on requests, not on
 * contacts being pushed: a contact whose answer has arrived still has its commit to wait
 * for, and holding a request slot through that commit would leave the connection idle for
 * the length of a transaction per contact (measured: most of the gap between a drain and
 * a bare client sending the same PATCHes). So more contacts are in progress than requests
 * are in flight, and the server never sees more than `limit` requests from this pass.
 */
import type { ContactsRemote } from '../src/remote/contacts-remote.js';

/** A counting semaphore: `run` waits for one of `limit` slots, first come first served. */
export class RequestGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` once a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => { this.waiting.push(resolve); });
    else this.active++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `active` never counts it twice.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * `remote` with every call going through `gate`.
 *
 * @example
 * ```ts
 * const gated = gateRemote(remote, new RequestGate(8)); // at most 8 requests out
 * ```
 */
export function gateRemote(remote: ContactsRemote, gate: RequestGate): ContactsRemote {
  return {
    createContact: (info, options) => gate.run(() => remote.createContact(info, options)),
    getContact: (id) => gate.run(() => remote.getContact(id)),
    updateContact: (id, patch, revision, options) => gate.run(() => remote.updateContact(id, patch, revision, options)),
    deleteContact: (id) => gate.run(() => remote.deleteContact(id)),
    labelContact: (id, keys) => gate.run(() => remote.labelContact(id, keys)),
    unlabelContact: (id, keys) => gate.run(() => remote.unlabelContact(id, keys)),
    ensureLabel: (name) => gate.run(() => remote.ensureLabel(name)),
    changes: (cursor, limit) => gate.run(() => remote.changes(cursor, limit)),
  };
}
