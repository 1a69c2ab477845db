/**
 * Bearer-token authentication. The tenant of a request comes only from its token, through
 * the `tokens` map given to `startServer`; nothing in the request can name another tenant.
 */
import { ContactsError } from '../../src/model/contacts-error.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant of the request's token ('' until authenticated). */
    tenantId: string;
  }
}

/** The token map used when `startServer` gets none: fine for `npm start`, never for a real deployment. */
export const DEFAULT_TOKENS: Readonly<Record<string, string>> = { 'dev-token': 'dev-tenant' };

/** Tokens -> tenant ids, without prototype keys (a token `constructor` must not match anything). */
export function tokenMap(tokens: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  return new Map(Object.entries(tokens));
}

/**
 * The tenant of an `Authorization` header: `Bearer <token>` or a bare `<token>`.
 *
 * @throws ContactsError 401 `UNAUTHENTICATED`
 */
export function authenticate(header: string | undefined, tokens: ReadonlyMap<string, string>): string {
  const value = header?.trim() ?? '';
  const token = /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '') : value;
  const tenant = token === '' ? undefined : tokens.get(token);
  if (tenant === undefined) {
    throw new ContactsError({
      code: 'UNAUTHENTICATED',
      message: token === '' ? 'missing Authorization header' : 'invalid token',
    });
  }
  return tenant;
}
