import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { getOperationRequest } from '../shared/api/read-requests.js';
import { buildOpenApiDocument } from '../shared/api/build-openapi-document.js';
import { getServices } from './composition-root.js';
import { respond } from './http-response.js';
import { orchestrationClient } from './durable-client-ports.js';

df.app.client.http('httpGetOperation', {
  route: 'operations/{id}', methods: ['GET'], authLevel: 'function',
  handler: (request, client) => respond(async () =>
    getOperationRequest((await getServices()).clusterApi(orchestrationClient(client)), request.params.id ?? '')),
});

app.http('httpGetOpenApi', {
  route: 'openapi.json', methods: ['GET'], authLevel: 'anonymous',
  handler: async () => ({ status: 200, jsonBody: buildOpenApiDocument() }),
});
