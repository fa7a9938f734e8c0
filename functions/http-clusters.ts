import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { createClusterRequest } from '../shared/api/create-cluster-request.js';
import { deleteClusterRequest } from '../shared/api/delete-cluster-request.js';
import { getClusterRequest, listClustersRequest } from '../shared/api/read-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { breakLeaseRequest } from '../shared/api/break-lease-request.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { callerOf } from './caller-of.js';
import { respond } from './http-response.js';

const api = async (client: DurableClient) => (await getServices()).clusterApi(orchestrationClient(client));

df.app.client.http('httpCreateCluster', {
  route: 'clusters', methods: ['POST'], authLevel: 'function',
  handler: (request, client) => respond(async () => {
    const body = await readJsonBody(request);
    return createClusterRequest(await api(client), body, request.headers.get('idempotency-key') ?? undefined, callerOf(request));
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
    deleteClusterRequest(await api(client), request.params.name ?? '', request.query.get('confirm'), callerOf(request))),
});

// Admin level: breaking a lease lets a second operation run beside one that may still be alive.
df.app.client.http('httpBreakClusterLease', {
  route: 'clusters/{name}/lease/break', methods: ['POST'], authLevel: 'admin',
  handler: (request, client) => respond(async () =>
    breakLeaseRequest(await api(client), request.params.name ?? '', request.query.get('confirm'), callerOf(request))),
});
