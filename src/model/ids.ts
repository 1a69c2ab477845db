/**
 * Id and revision types that must not be mixed up. A contact created offline has a
 * temporary id until the server assigns the real one; a contact's local revision counts
 * versions on this device and is never the server's revision. Distinct (branded) types make
 * passing one where the other belongs a compile error.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A contact id assigned by the server. */
export type ServerContactId = Brand<string, 'ServerContactId'>;
/** A contact id made on this device for a contact the server has not seen yet. */
export type TempContactId = Brand<string, 'TempContactId'>;
/** Either kind of contact id. */
export type ContactId = ServerContactId | TempContactId;
/** The local revision: 1 at creation, +1 on every change this device sees. */
export type LocalRevision = Brand<number, 'LocalRevision'>;
/** The server's revision of a contact, as last seen by this device. */
export type ServerRevision = Brand<number, 'ServerRevision'>;
/** Id of one outbox mutation; also the `Idempotency-Key` of a create. */
export type MutationId = Brand<string, 'MutationId'>;

/** Temporary ids carry this prefix, which no server GUID has. */
export const TEMP_ID_PREFIX = 'tmp-';

/** Makes random UUIDs; injected so tests can be deterministic. */
export type IdFactory = () => string;

/** The default id factory: `crypto.randomUUID`, present in Node 20 and every browser. */
export const randomId: IdFactory = () => globalThis.crypto.randomUUID();

/** True when `id` is a temporary (device-made) contact id. */
export function isTempId(id: string): id is TempContactId {
  return id.startsWith(TEMP_ID_PREFIX);
}

/** A new temporary contact id. */
export function newTempId(makeId: IdFactory = randomId): TempContactId {
  return `${TEMP_ID_PREFIX}${makeId()}` as TempContactId;
}

/** A new mutation id. */
export function newMutationId(makeId: IdFactory = randomId): MutationId {
  return makeId() as MutationId;
}

/** Marks a string from the server as a server contact id. */
export function asServerId(id: string): ServerContactId {
  return id as ServerContactId;
}

/** Marks a number as a local revision. */
export function asLocalRevision(n: number): LocalRevision {
  return n as LocalRevision;
}

/** Marks a number as a server revision. */
export function asServerRevision(n: number): ServerRevision {
  return n as ServerRevision;
}
