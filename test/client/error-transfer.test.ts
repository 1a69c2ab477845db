import { expose, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/client/error-transfer.js';
import { ContactsError, validationError } from '../../src/model/contacts-error.js';

interface Api {
  failWith(kind: 'app' | 'validation' | 'plain' | 'string'): Promise<void>;
  echo(value: unknown): Promise<unknown>;
}

const api: Api = {
  failWith: (kind) => {
    switch (kind) {
      case 'app':
        return Promise.reject(new ContactsError({ code: 'DUPLICATE_CONTACT_EXISTS', message: 'dup', data: { duplicateContactId: 'c1', duplicateEmail: 'a@b.co' } }));
      case 'validation':
        return Promise.reject(validationError([{ field: 'info.emails.items[0].email', description: 'not an email' }]));
      case 'plain':
        return Promise.reject(new TypeError('boom'));
      case 'string':
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the test is about non-Error throws
        return Promise.reject('just a string');
    }
  },
  echo: (value) => Promise.resolve(value),
};

const channels: MessageChannel[] = [];
function connect(): Remote<Api> {
  const channel = new MessageChannel();
  channels.push(channel);
  expose(api, channel.port1);
  return wrap<Api>(channel.port2);
}

afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

describe('ContactsError across a Comlink MessageChannel', () => {
  it('keeps class, status, code and application details', async () => {
    const error = await connect().failWith('app').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactsError);
    expect(error).toMatchObject({
      name: 'ContactsError', status: 409, code: 'DUPLICATE_CONTACT_EXISTS', message: 'dup',
      details: { applicationError: { code: 'DUPLICATE_CONTACT_EXISTS', description: 'dup', data: { duplicateContactId: 'c1', duplicateEmail: 'a@b.co' } } },
    });
    expect((error as ContactsError).data).toEqual({ duplicateContactId: 'c1', duplicateEmail: 'a@b.co' });
  });

  it('keeps validation details', async () => {
    const error = await connect().failWith('validation').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContactsError);
    expect((error as ContactsError).details).toEqual({
      validationError: { fieldViolations: [{ field: 'info.emails.items[0].email', description: 'not an email' }] },
    });
    expect((error as ContactsError).status).toBe(400);
  });

  it('other errors keep their name and message, other thrown values arrive as they were', async () => {
    const plain = await connect().failWith('plain').catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(Error);
    expect(plain).not.toBeInstanceOf(ContactsError);
    expect((plain as Error).name).toBe('TypeError');
    expect((plain as Error).message).toBe('boom');
    await expect(connect().failWith('string')).rejects.toBe('just a string');
  });

  it('does not mistake ordinary values with a `value` property for thrown errors', async () => {
    await expect(connect().echo({ key: 'cursor', value: '42' })).resolves.toEqual({ key: 'cursor', value: '42' });
  });
});
