import { z } from 'zod';
import { ClusterSpecSchema } from '../domain/spec/cluster-spec-schema.js';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency-key.js';
import { AcceptedSchema, ClusterDetailSchema, ClusterListSchema, ErrorBodySchema, LeaseBreakSchema, OperationSchema } from './api-schemas.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) } });
const error = (description: string) => ({ description, content: json(ErrorBodySchema) });
const keyed = [{ functionKey: [] }];
const nameParam = { name: 'name', in: 'path', required: true, schema: { type: 'string' } };

/**
 * The API as OpenAPI 3.1, generated from the same zod schemas the handlers validate with (the
 * request body is the cluster spec schema itself). Every route but this one needs a function key.
 */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Cassandra Autopilot for Azure', version: '0.1.0', description: 'Deploys Apache Cassandra clusters onto Azure VMs and keeps them healthy.' },
    servers: [{ url: '/api' }],
    components: { securitySchemes: {
      functionKey: { type: 'apiKey', in: 'header', name: 'x-functions-key', description: 'A function key (or `?code=` in the query).' } } },
    security: keyed,
    paths: {
      '/clusters': {
        post: { operationId: 'createCluster', summary: 'Validate a spec, record the cluster and start its deployment.',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false,
            schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
            description: 'Retries with the same key return the same operation (a failed one resumes).' }],
          requestBody: { required: true, content: json(ClusterSpecSchema, 'input') },
          responses: { 202: { description: 'Deployment started.', content: json(AcceptedSchema) }, 400: error('Malformed JSON or an invalid spec (every issue with its JSON path).'),
            401: { description: 'Missing or wrong function key.' }, 409: error('The cluster exists, or another operation holds its lease.'),
            413: error('Body over 256 KiB.'), 415: error('No Content-Type, or not application/json.'), 422: error('Idempotency-Key reused with another body.') } },
        get: { operationId: 'listClusters', summary: 'List clusters.', responses: { 200: { description: 'Clusters.', content: json(ClusterListSchema) } } },
      },
      '/clusters/{name}': {
        get: { operationId: 'getCluster', summary: 'A cluster: spec, plan and nodes with their state.', parameters: [nameParam],
          responses: { 200: { description: 'The cluster.', content: json(ClusterDetailSchema) }, 404: error('No such cluster.') } },
        delete: { operationId: 'deleteCluster', summary: 'Delete a cluster and every resource it owns.',
          parameters: [nameParam, { name: 'confirm', in: 'query', required: true, schema: { type: 'string' }, description: 'Must repeat the cluster name.' }],
          responses: { 202: { description: 'Deletion started.', content: json(AcceptedSchema) }, 400: error('confirm missing or different.'),
            404: error('No such cluster.'), 409: error('Another operation holds the lease.') } },
      },
      '/clusters/{name}/lease/break': {
        post: { operationId: 'breakClusterLease', summary: 'Remove every hold on the cluster\'s lease, recording who broke it (admin key).',
          security: [{ functionKey: [] }], description: 'Needs the master (admin) key. A holder still running stops at its next step (CASSOPS_LEASE_LOST).',
          parameters: [nameParam, { name: 'confirm', in: 'query', required: true, schema: { type: 'string' }, description: 'Must repeat the cluster name.' }],
          responses: { 200: { description: 'The holds removed.', content: json(LeaseBreakSchema) }, 400: error('confirm missing or different.'),
            401: { description: 'Not the admin key.' }, 404: error('No such cluster.') } },
      },
      '/operations/{id}': {
        get: { operationId: 'getOperation', summary: 'An operation: status, steps with progress, timings, error.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The operation.', content: json(OperationSchema) }, 404: error('No such operation.') } },
      },
      '/openapi.json': { get: { operationId: 'getOpenApi', summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.' } } } },
    },
  };
}
