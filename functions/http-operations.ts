import { getOperationRequest } from '../shared/api/read-requests.js';
import { buildOpenApiDocument } from '../shared/api/build-openapi-document.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

registerHttp('httpGetOperation', {
  route: 'operations/{id}', methods: ['GET'],
  handler: async (request, client) =>
    getOperationRequest((await getServices()).clusterApi(orchestrationClient(client)), request.params.id ?? ''),
});

registerHttp('httpGetOpenApi', {
  route: 'openapi.json', methods: ['GET'],
  handler: async () => ({ status: 200, body: buildOpenApiDocument() }),
});
