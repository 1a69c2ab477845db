/** The Wix v4 contact routes (WIX-CONTACTS.md section 6), relative to the API prefix. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { validateLabelKeys } from '../../src/model/validate-info.js';
import type { ContactsDeps } from '../contacts/contacts-deps.js';
import { createContact, readIdempotencyKey } from '../contacts/create-contact.js';
import { deleteContact } from '../contacts/delete-contact.js';
import { changeLabels } from '../contacts/label-contact.js';
import { parseProjection, project } from '../contacts/projection.js';
import { listContacts, queryContacts } from '../contacts/query-contacts.js';
import { queryList, readBody } from '../contacts/request-input.js';
import { updateContact } from '../contacts/update-contact.js';
import { getContactRow } from '../contacts/get-contact.js';

type WithId = { Params: { id: string } };

const JSON_TYPE = 'application/json; charset=utf-8';

/** The query string as a plain record (Fastify parses it; repeated keys become arrays). */
export function queryOf(req: FastifyRequest): Record<string, unknown> {
  const q = req.query;
  return typeof q === 'object' && q !== null ? (q as Record<string, unknown>) : {};
}

/** Registers create, get, update, delete, label, unlabel, list and query. */
export function registerContactRoutes(app: FastifyInstance, deps: ContactsDeps): void {
  app.post('/contacts', async (req, reply) => {
    const key = readIdempotencyKey(req.headers['idempotency-key']);
    const outcome = await createContact(deps, req.tenantId, req.body, key);
    if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
    return reply.code(outcome.status).type(JSON_TYPE).send(outcome.body);
  });
  app.post('/contacts/query', async (req) => queryContacts(deps, req.tenantId, req.body));
  app.get('/contacts', async (req) => listContacts(deps, req.tenantId, queryOf(req)));
  app.get<WithId>('/contacts/:id', async (req) => {
    const qs = queryOf(req);
    const projection = parseProjection(queryList(qs['fields']), queryList(qs['fieldsets']));
    const contact = await getContactRow(deps, req.tenantId, req.params.id);
    return { contact: project(contact, projection), responseType: 'REGULAR' };
  });
  app.patch<WithId>('/contacts/:id', async (req, reply) => {
    const stored = await updateContact(deps, req.tenantId, req.params.id, req.body);
    // The contact was serialised once for the database; the answer reuses that text.
    return reply.type(JSON_TYPE).send(`{"contact":${stored.json}}`);
  });
  app.delete<WithId>('/contacts/:id', async (req) => {
    await deleteContact(deps, req.tenantId, req.params.id);
    return {};
  });
  app.post<WithId>('/contacts/:id/labels', async (req) => {
    const body = readBody(req.body, ['labelKeys', 'contactId']);
    const keys = validateLabelKeys(body['labelKeys'], 'labelKeys');
    return { contact: await changeLabels(deps, req.tenantId, req.params.id, keys, true) };
  });
  app.delete<WithId>('/contacts/:id/labels', async (req) => {
    const keys = validateLabelKeys(queryList(queryOf(req)['labelKeys']), 'labelKeys');
    return { contact: await changeLabels(deps, req.tenantId, req.params.id, keys, false) };
  });
}
