import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { createClusterRequest } from '../shared/api/create-cluster-request.js';
import { deleteClusterRequest } from '../shared/api/delete-cluster-request.js';
import { getClusterRequest, listClustersRequest } from '../shared/api/read-requests.js';
import { MAX_BODY_BYTES, parseJsonBody } from '../shared/api/parse-json-body.js';
import { breakLeaseRequest } from '../shared/api/break-lease-request.js';
import { OpsError } from '../shared/errors/ops-error.js';
import { getServices } from './composition-root.js';
import { respond } from './http-response.js';
import { callerOf } from './caller-of.js';
import { orchestrationClient } from './orchestration-client.js';

const api = (client: DurableClient) => getServices().api(orchestrationClient(client));

df.app.client.http('httpCreateCluster', {
  route: 'clusters', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    // Refuse by the declared length first, so an oversize body is never buffered.
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new OpsError('CASSOPS_REQUEST_TOO_LARGE');
    const body = parseJsonBody(await request.text(), request.headers.get('content-type'));
    return createClusterRequest(api(client), body, request.headers.get('idempotency-key') ?? undefined, callerOf(request));
  }),
});

df.app.client.http('httpListClusters', {
  route: 'clusters', methods: ['GET'], authLevel: 'function',
  handler: (_request, client) => respond(() => listClustersRequest(api(client))),
});

df.app.client.http('httpGetCluster', {
  route: 'clusters/{name}', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(() => getClusterRequest(api(client), request.params.name ?? '')),
});

df.app.client.http('httpDeleteCluster', {
  route: 'clusters/{name}', methods: ['DELETE'], authLevel: 'function',
  handler: (request, client) => respond(() =>
    deleteClusterRequest(api(client), request.params.name ?? '', request.query.get('confirm'), callerOf(request))),
});

// Admin level: breaking a lease lets a second operation run beside one that may still be alive.
df.app.client.http('httpBreakClusterLease', {
  route: 'clusters/{name}/lease/break', methods: ['POST'], authLevel: 'admin',
  handler: (request, client) => respond(() =>
    breakLeaseRequest(api(client), request.params.name ?? '', request.query.get('confirm'), callerOf(request))),
});
