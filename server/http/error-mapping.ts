/**
 * Every failure of a request becomes a `ContactsError`, sent as the Wix envelope with its
 * status. Fastify's own errors (body too large, bad content length...) are mapped here;
 * anything unexpected is a 500 `INTERNAL` whose body says nothing about the cause.
 */
import { ContactsError } from '../../src/model/contacts-error.js';

function fastifyStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status = (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function fastifyCode(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The `ContactsError` to answer `err` with. Client errors raised by Fastify keep a 4xx
 * meaning (413 `PAYLOAD_TOO_LARGE`, else 400 `INVALID_ARGUMENT`); everything else is 500.
 */
export function toContactsError(err: unknown): ContactsError {
  if (err instanceof ContactsError) return err;
  const status = fastifyStatus(err);
  if (status === 413 || fastifyCode(err) === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ContactsError({ code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than 1 MiB' });
  }
  if (status !== undefined && status >= 400 && status < 500) {
    const message = err instanceof Error ? err.message : 'bad request';
    return new ContactsError({ code: 'INVALID_ARGUMENT', message, data: { reason: fastifyCode(err) ?? 'BAD_REQUEST' } });
  }
  return new ContactsError({ code: 'INTERNAL', message: 'internal error', cause: err });
}
