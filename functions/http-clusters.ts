import type { DurableClient } from 'durable-functions';
import { createClusterRequest } from '../shared/api/create-cluster-request.js';
import { deleteClusterRequest } from '../shared/api/delete-cluster-request.js';
import { getClusterRequest, listClustersRequest } from '../shared/api/read-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { breakLeaseRequest } from '../shared/api/break-lease-request.js';
import { postRestartRequest } from '../shared/api/restart-requests.js';
import { planChangeRequest } from '../shared/api/plan-change-request.js';
import { updateClusterRequest } from '../shared/api/update-cluster-request.js';
import { replaceNodeRequest } from '../shared/api/replace-requests.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

const api = async (client: DurableClient) => (await getServices()).clusterApi(orchestrationClient(client));

registerHttp('httpCreateCluster', {
  route: 'clusters', methods: ['POST'],
  handler: async (request, client, caller) => {
    const body = await readJsonBody(request);
    return createClusterRequest(await api(client), body, request.headers.get('idempotency-key') ?? undefined, caller.identity);
  },
});

registerHttp('httpListClusters', {
  route: 'clusters', methods: ['GET'],
  handler: async (_request, client) => listClustersRequest(await api(client)),
});

registerHttp('httpGetCluster', {
  route: 'clusters/{name}', methods: ['GET'],
  handler: async (request, client) => getClusterRequest(await api(client), request.params.name ?? ''),
});

registerHttp('httpUpdateCluster', {
  route: 'clusters/{name}', methods: ['PUT'],
  handler: async (request, client, caller) => updateClusterRequest(await api(client), request.params.name ?? '', await readJsonBody(request),
    request.headers.get('if-match') ?? undefined, caller.identity),
});

registerHttp('httpDeleteCluster', {
  route: 'clusters/{name}', methods: ['DELETE'],
  handler: async (request, client, caller) =>
    deleteClusterRequest(await api(client), request.params.name ?? '', request.query.get('confirm'), caller.identity),
});

// Admin role: breaking a lease lets a second operation run beside one that may still be alive.
registerHttp('httpBreakClusterLease', {
  route: 'clusters/{name}/lease/break', methods: ['POST'],
  handler: async (request, client, caller) =>
    breakLeaseRequest(await api(client), request.params.name ?? '', request.query.get('confirm'), caller.identity),
});

registerHttp('httpRestartCluster', {
  route: 'clusters/{name}/restart', methods: ['POST'],
  handler: async (request, client, caller) => {
    // No body restarts every node.
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postRestartRequest(await api(client), request.params.name ?? '', body, caller.identity);
  },
});

registerHttp('httpRestartNode', {
  route: 'clusters/{name}/nodes/{node}/restart', methods: ['POST'],
  handler: async (request, client, caller) => {
    const body = await readJsonBody(request, { whenEmpty: {} });
    return postRestartRequest(await api(client), request.params.name ?? '', body, caller.identity, request.params.node ?? '');
  },
});

registerHttp('httpReplaceNode', {
  route: 'clusters/{name}/nodes/{node}/replace', methods: ['POST'],
  handler: async (request, client, caller) => replaceNodeRequest(await api(client), request.params.name ?? '', request.params.node ?? '', caller.identity),
});

registerHttp('httpPlanClusterChange', {
  route: 'clusters/{name}/plan', methods: ['POST'],
  handler: async (request, client) => planChangeRequest(await api(client), request.params.name ?? '', await readJsonBody(request)),
});
