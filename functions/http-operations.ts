import { getOperationRequest, listOperationsRequest } from '../shared/api/read-requests.js';
import { buildOpenApiDocument } from '../shared/api/build-openapi-document.js';
import { answerApprovalRequest } from '../shared/api/approval-requests.js';
import { readJsonBody } from '../shared/api/parse-json-body.js';
import { getServices } from './composition-root.js';
import { orchestrationClient } from './durable-client-ports.js';
import { registerHttp } from './register-http.js';

registerHttp('httpGetOperation', {
  route: 'operations/{id}', methods: ['GET'],
  handler: async (request, client) =>
    getOperationRequest((await getServices()).clusterApi(orchestrationClient(client)), request.params.id ?? ''),
});

registerHttp('httpListOperations', {
  route: 'clusters/{name}/operations', methods: ['GET'],
  handler: async (request, client) => listOperationsRequest((await getServices()).clusterApi(orchestrationClient(client)),
    request.params.name ?? '', { limit: request.query.get('limit') ?? undefined }),
});

// An operation awaiting approval runs on, or ends with nothing changed, once a person answers.
for (const [name, verb, approved] of [['httpApproveOperation', 'approve', true], ['httpRejectOperation', 'reject', false]] as const) {
  registerHttp(name, {
    route: `operations/{id}/${verb}`, methods: ['POST'],
    handler: async (request, client, caller) => answerApprovalRequest((await getServices()).clusterApi(orchestrationClient(client)),
      request.params.id ?? '', await readJsonBody(request, { whenEmpty: {} }), approved, caller.identity),
  });
}

registerHttp('httpGetOpenApi', {
  route: 'openapi.json', methods: ['GET'],
  handler: async () => ({ status: 200, body: buildOpenApiDocument() }),
});
