/** The one body parser: every request body is JSON, whatever its content type. */
import type { FastifyInstance } from 'fastify';
import { ContactsError } from '../../src/model/contacts-error.js';

/**
 * Replaces Fastify's parsers with one that reads any content type as JSON (browsers may
 * send `text/plain` to avoid a preflight). An empty body is no body; text that is not JSON
 * is 400 `MALFORMED_JSON`. Fastify enforces the body limit (1 MiB) before this runs.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(new ContactsError({ code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' }), undefined);
    }
  });
}
