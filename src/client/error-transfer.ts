/**
 * Keeps `ContactsError` whole across a Comlink boundary. Comlink's own `throw` handler
 * keeps only `message`, `name` and `stack`, which would turn every error from the worker
 * into a bare `Error` without `status`, `code` and `details`. Importing this module (on the
 * page and in the worker) replaces that handler; other errors keep Comlink's behaviour.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import {
  ContactsError, deserializeContactsError, isSerializedContactsError, type SerializedContactsError,
} from '../model/contacts-error.js';

/** What crosses the boundary for a thrown value. */
type ThrownWire =
  | { readonly kind: 'contacts'; readonly error: SerializedContactsError }
  | { readonly kind: 'error'; readonly name: string; readonly message: string; readonly stack?: string }
  | { readonly kind: 'value'; readonly value: unknown };

interface Thrown {
  value: unknown;
}

/**
 * Comlink marks thrown values with a private symbol; only its own handler can recognise
 * them, so we borrow its `canHandle` (any other object with a `value` property, such as a
 * `meta` row, must not be mistaken for a thrown error).
 */
const comlinkThrow = transferHandlers.get('throw');
const isThrown = (value: unknown): value is Thrown => comlinkThrow?.canHandle(value) === true;

/** The Comlink `throw` handler that keeps `ContactsError` intact. */
export const contactsErrorThrowHandler: TransferHandler<Thrown, ThrownWire> = {
  canHandle: isThrown,
  serialize: ({ value }) => {
    if (value instanceof ContactsError) return [{ kind: 'contacts', error: value.toJSON() }, []];
    if (value instanceof Error) {
      return [{ kind: 'error', name: value.name, message: value.message, ...(value.stack === undefined ? {} : { stack: value.stack }) }, []];
    }
    return [{ kind: 'value', value }, []];
  },
  deserialize: (wire) => {
    switch (wire.kind) {
      case 'contacts':
        throw isSerializedContactsError(wire.error) ? deserializeContactsError(wire.error) : new Error('malformed ContactsError');
      case 'error': {
        const e = new Error(wire.message);
        e.name = wire.name;
        if (wire.stack !== undefined) e.stack = wire.stack;
        throw e;
      }
      case 'value':
        throw wire.value;
    }
  },
};

/** Installs the handler; idempotent. */
export function installErrorTransfer(): void {
  transferHandlers.set('throw', contactsErrorThrowHandler);
}

installErrorTransfer();
