import { z } from 'zod';
import { ERROR_CODES } from '../errors/error-codes.js';
import { OPERATION_KINDS, OPERATION_TRIGGERS } from '../domain/operations/operation-kinds.js';

/**
 * Zod schemas of the API's responses: the OpenAPI document is generated from them, and the API
 * tests check real responses against them, so the document cannot drift from what is served.
 */
const codes = Object.keys(ERROR_CODES) as [string, ...string[]];

export const IssueSchema = z.object({ path: z.string(), message: z.string() });

export const ErrorBodySchema = z.object({
  code: z.enum(codes).describe('Stable error code; see the README error table.'),
  message: z.string(),
  issues: z.array(IssueSchema).optional().describe('Every problem found, each with its JSON path.'),
});

export const AcceptedSchema = z.object({
  operationId: z.string(),
  clusterName: z.string(),
  statusUrl: z.string().describe('GET it to follow the operation.'),
});

const StepSchema = z.object({
  name: z.string(),
  status: z.enum(['Running', 'Succeeded', 'Failed']),
  percent: z.number().min(0).max(100),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  message: z.string().optional(),
});

export const OperationSchema = z.object({
  id: z.string(),
  kind: z.enum(Object.values(OPERATION_KINDS)),
  clusterName: z.string(),
  status: z.enum(['Running', 'Succeeded', 'Failed']),
  percent: z.number().min(0).max(100),
  steps: z.array(StepSchema),
  requestedBy: z.string().describe('The caller\'s identity (its key\'s name locally), or the product for timers and remediation.'),
  trigger: z.enum(OPERATION_TRIGGERS).describe('Why the operation started.'),
  tookOverFrom: z.array(z.object({ operationId: z.string(), reason: z.string() })).optional()
    .describe('Abandoned operations whose lease this one took over.'),
  leaseBroken: z.object({ by: z.string(), at: z.string() }).optional().describe('Set when an admin broke this operation\'s lease.'),
  createdAt: z.string(),
  updatedAt: z.string(),
  endedAt: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), azureCode: z.string().optional(), issues: z.array(IssueSchema).optional() }).optional(),
});

const clusterState = z.enum(['Provisioning', 'Ready', 'Failed', 'Deleting', 'Deleted']);

export const ClusterListSchema = z.object({
  clusters: z.array(z.object({ name: z.string(), state: clusterState, lastOperationId: z.string(), createdAt: z.string(), updatedAt: z.string() })),
});

export const ClusterDetailSchema = z.object({
  name: z.string(),
  state: clusterState,
  lastOperationId: z.string(),
  runningOperationId: z.string().nullable(),
  runningOperations: z.array(z.object({ operationId: z.string(), kind: z.enum(Object.values(OPERATION_KINDS)), requestedBy: z.string(), claimedAt: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  spec: z.record(z.string(), z.unknown()).describe('The validated spec, defaults applied.'),
  plan: z.record(z.string(), z.unknown()).describe('Names, addresses and join order decided for the spec.'),
  nodes: z.array(z.object({ name: z.string(), dc: z.string(), rack: z.string(), privateIp: z.string(), isSeed: z.boolean(),
    vmName: z.string(), state: z.enum(['Planned', 'VmCreated', 'Joined', 'Failed']), updatedAt: z.string() })),
});

export const LeaseBreakSchema = z.object({
  clusterName: z.string(),
  brokenBy: z.string(),
  brokenAt: z.string(),
  broken: z.array(z.object({ operationId: z.string(), kind: z.string(), requestedBy: z.string() })).describe('The holds removed.'),
});
