import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { createClusterRequest } from '../shared/api/create-cluster-request.js';
import { deleteClusterRequest } from '../shared/api/delete-cluster-request.js';
import { getClusterRequest, listClustersRequest } from '../shared/api/read-requests.js';
import { MAX_BODY_BYTES, parseJsonBody } from '../shared/api/parse-json-body.js';
import { OpsError } from '../shared/errors/ops-error.js';
import { getServices } from './composition-root.js';
import { orchestrationStarter } from './durable-client-ports.js';
import { respond } from './http-response.js';

const api = async (client: DurableClient) => (await getServices()).clusterApi(orchestrationStarter(client));

df.app.client.http('httpCreateCluster', {
  route: 'clusters', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    // Refuse by the declared length first, so an oversize body is never buffered.
    if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new OpsError('CASSOPS_REQUEST_TOO_LARGE');
    const body = parseJsonBody(await request.text(), request.headers.get('content-type'));
    return createClusterRequest(await api(client), body, request.headers.get('idempotency-key') ?? undefined);
  }),
});

df.app.client.http('httpListClusters', {
  route: 'clusters', methods: ['GET'], authLevel: 'function',
  handler: (_request, client) => respond(async () => listClustersRequest(await api(client))),
});

df.app.client.http('httpGetCluster', {
  route: 'clusters/{name}', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () => getClusterRequest(await api(client), request.params.name ?? '')),
});

df.app.client.http('httpDeleteCluster', {
  route: 'clusters/{name}', methods: ['DELETE'], authLevel: 'function',
  handler: (request, client) => respond(async () =>
    deleteClusterRequest(await api(client), request.params.name ?? '', request.query.get('confirm'))),
});
