/** The Labels routes (find-or-create, list, get) and the change feed, relative to the API prefix. */
import type { FastifyInstance } from 'fastify';
import { readChangesPage } from '../contacts/change-feed.js';
import type { ContactsDeps } from '../contacts/contacts-deps.js';
import { findOrCreate, getLabelByKey, listLabelsPage } from '../labels/labels-service.js';
import { queryOf } from './contact-routes.js';

/** Registers `POST /labels`, `GET /labels`, `GET /labels/:key` and `GET /changes`. */
export function registerLabelAndChangeRoutes(app: FastifyInstance, deps: ContactsDeps): void {
  app.post('/labels', async (req) => findOrCreate(deps, req.tenantId, req.body));
  app.get('/labels', async (req) => listLabelsPage(deps, req.tenantId, queryOf(req)));
  app.get<{ Params: { key: string } }>('/labels/:key', async (req) => getLabelByKey(deps, req.tenantId, req.params.key));
  app.get('/changes', async (req) => {
    const qs = queryOf(req);
    return readChangesPage(deps.sql, req.tenantId, qs['cursor'], qs['limit']);
  });
}
