import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTE_COMMANDS } from '../../../shared/cli/route-commands.js';
import { runWholeCli, type Route } from '../../support/run-service-command.js';

type RouteKey = keyof typeof ROUTE_COMMANDS;

const accepted = { operationId: 'op-1', clusterName: 'demo', statusUrl: '/api/operations/op-1' };
const cluster = { name: 'demo', state: 'Ready', lastOperationId: 'op-0', runningOperationId: null, etag: '"e1"',
  nodes: [{ name: 'demo-dc1-001', dc: 'dc1', rack: 'rack1', privateIp: '10.0.1.4', isSeed: true, state: 'Joined' }] };
const plan = { cluster: 'demo', state: 'Ready', nodesAdded: [], nodesRemoved: [], datacentersAdded: [], datacentersRemoved: [], replication: [],
  keyspacesUnmanaged: [], rollingRestart: [], inPlace: [], refused: [], unchanged: true };

/** Each route's command line and the API's success answer: every route is here, or this does not compile. */
const CASES = {
  'GET /openapi.json': { argv: ['openapi'], status: 200, body: { openapi: '3.1.0', paths: { '/clusters': { get: { summary: 'List clusters.' } } } } },
  'POST /alerts': { argv: ['alert', 'send', 'alert.json'], status: 202, body: { accepted: true, alertId: 'a-1', monitorCondition: 'Fired' } },
  'GET /clusters': { argv: ['clusters'], status: 200, body: { clusters: [{ name: 'demo', state: 'Ready', lastOperationId: 'op-0' }] } },
  'POST /clusters': { argv: ['deploy', 'spec.json'], status: 202, body: accepted },
  'GET /clusters/{name}': { argv: ['status', 'demo'], status: 200, body: cluster },
  'PUT /clusters/{name}': { argv: ['update', 'demo', 'spec.json', '--if-match', '"e1"'], status: 202,
    body: { ...accepted, nodesAdded: [], nodesRemoved: [] } },
  'DELETE /clusters/{name}': { argv: ['delete', 'demo', '--confirm', 'demo'], status: 202, body: accepted },
  'POST /clusters/{name}/plan': { argv: ['diff', 'demo', 'spec.json'], status: 200, body: plan },
  'POST /clusters/{name}/restart': { argv: ['restart', 'demo'], status: 202, body: accepted },
  'POST /clusters/{name}/nodes/{node}/restart': { argv: ['nodes', 'restart', 'demo', 'demo-dc1-001'], status: 202, body: accepted },
  'POST /clusters/{name}/nodes/{node}/replace': { argv: ['nodes', 'replace', 'demo', 'demo-dc1-001'], status: 202, body: accepted },
  'POST /clusters/{name}/lease/break': { argv: ['lease', 'break', 'demo', '--confirm', 'demo'], status: 200,
    body: { clusterName: 'demo', brokenBy: 'ada', brokenAt: '2026-01-10T02:00:00Z', broken: [] } },
  'GET /clusters/{name}/operations': { argv: ['ops', 'list', 'demo'], status: 200, body: { cluster: 'demo', operations: [] } },
  'GET /operations/{id}': { argv: ['ops', 'show', 'op-1'], status: 200, body: { id: 'op-1', kind: 'DeployCluster', clusterName: 'demo',
    status: 'Succeeded', percent: 100, steps: [], createdAt: '2026-01-10T02:00:00Z' } },
  'POST /operations/{id}/approve': { argv: ['ops', 'approve', 'op-1'], status: 202, body: { id: 'op-1', status: 'Running' } },
  'POST /operations/{id}/reject': { argv: ['ops', 'reject', 'op-1'], status: 202, body: { id: 'op-1', status: 'Running' } },
  'GET /clusters/{name}/health': { argv: ['health', 'demo'], status: 200,
    body: { cluster: 'demo', status: 'Unknown', evaluatedAt: null, findings: [], nodes: [], message: 'No health check has run for this cluster yet.' } },
  'GET /clusters/{name}/health/history': { argv: ['health', 'history', 'demo'], status: 200,
    body: { cluster: 'demo', from: '2026-01-09T02:00:00Z', to: '2026-01-10T02:00:00Z', items: [] } },
  'POST /clusters/{name}/health/check': { argv: ['health', 'check', 'demo'], status: 202,
    body: { operationId: 'check-1', cluster: 'demo', status: 'Running', statusQueryUri: '/api/clusters/demo/health/checks/check-1' } },
  'GET /clusters/{name}/health/checks/{checkId}': { argv: ['health', 'check-status', 'demo', 'check-1'], status: 200,
    body: { operationId: 'check-1', cluster: 'demo', status: 'Running', progress: { phase: 'views' }, result: null } },
  'GET /clusters/{name}/remediations': { argv: ['remediations', 'demo'], status: 200, body: { cluster: 'demo', decisions: [] } },
  'POST /clusters/{name}/repairs': { argv: ['repair', 'start', 'demo'], status: 202,
    body: { operationId: 'r-1', runId: 'r-1', cluster: 'demo', statusUrl: '/api/operations/r-1', repairUrl: '/api/clusters/demo/repairs/r-1' } },
  'GET /clusters/{name}/repairs': { argv: ['repair', 'list', 'demo'], status: 200, body: { cluster: 'demo', runs: [] } },
  'GET /clusters/{name}/repairs/ledger': { argv: ['repair', 'ledger', 'demo'], status: 200, body: { cluster: 'demo', evaluatedAt: 'x', tables: [] } },
  'GET /clusters/{name}/repairs/{id}': { argv: ['repair', 'status', 'demo', 'r-1'], status: 200, body: repairRun() },
  'POST /clusters/{name}/repairs/{id}/pause': { argv: ['repair', 'pause', 'demo', 'r-1'], status: 200, body: repairRun() },
  'POST /clusters/{name}/repairs/{id}/resume': { argv: ['repair', 'resume', 'demo', 'r-1'], status: 200, body: repairRun() },
  'POST /clusters/{name}/repairs/{id}/cancel': { argv: ['repair', 'cancel', 'demo', 'r-1'], status: 200, body: repairRun() },
  'POST /clusters/{name}/backups': { argv: ['backup', 'start', 'demo'], status: 202,
    body: { operationId: 'b-1', backupId: 'b-1', cluster: 'demo', statusUrl: '/api/operations/b-1', backupUrl: '/api/clusters/demo/backups/b-1' } },
  'GET /clusters/{name}/backups': { argv: ['backup', 'list', 'demo'], status: 200, body: { cluster: 'demo', backups: [] } },
  'GET /clusters/{name}/backups/{id}': { argv: ['backup', 'show', 'demo', 'b-1'], status: 200, body: backup() },
  'POST /clusters/{name}/restores': { argv: ['restore', 'demo', '--backup', 'b-1', '--target', 'copy'], status: 202, body: accepted },
  'POST /clusters/{name}/drills': { argv: ['drill', 'start', 'demo'], status: 202,
    body: { operationId: 'd-1', drillId: 'd-1', cluster: 'demo', backupId: 'b-1', targetCluster: 'drill-1', statusUrl: '/api/operations/d-1' } },
  'GET /clusters/{name}/drills': { argv: ['drill', 'list', 'demo'], status: 200, body: { cluster: 'demo', drills: [] } },
} satisfies Record<RouteKey, { argv: string[]; status: number; body: unknown }>;

function repairRun() {
  return { runId: 'r-1', cluster: 'demo', state: 'Running', desired: 'run', mode: 'full', trigger: 'api', requestedBy: 'ada', segmentsDone: 1,
    segmentsTotal: 4, percent: 25, segmentCounts: { pending: 3, running: 0, done: 1, failed: 0 }, running: [], failures: [] };
}

function backup() {
  return { backupId: 'b-1', cluster: 'demo', status: 'Complete', trigger: 'api', requestedBy: 'ci', createdAt: 'x', keyspaces: [], nodesTotal: 1,
    nodesDone: ['demo-dc1-001'], nodesMissing: [], stats: { files: 1, bytes: 1, newFiles: 1, newBytes: 1 }, restorable: true, proven: false };
}

/** `METHOD /api/path` of a request, matched against a route's template. */
function matches(route: string, method: string, url: string): boolean {
  const [routeMethod, template] = route.split(' ') as [string, string];
  const pattern = new RegExp(`^/api${template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
  return method === routeMethod && pattern.test(new URL(url).pathname);
}

/** The API double: the route under test answers `answer`; the cluster (update reads its ETag first) answers as it is. */
function api(route: string, answer: { status: number; body: unknown }): Route {
  return (method, url) => (matches(route, method, url) ? answer : method === 'GET' && new URL(url).pathname === '/api/clusters/demo'
    ? { status: 200, body: cluster } : { status: 500, body: { code: 'CASSOPS_INTERNAL', message: `unexpected ${method} ${url}` } });
}

describe('every route\'s command', () => {
  for (const [route, c] of Object.entries(CASES) as [RouteKey, (typeof CASES)[RouteKey]][]) {
    describe(`autopilot ${c.argv.join(' ')} (${route})`, () => {
      it('calls its route and prints exactly the API\'s JSON body with --json, exit 0', async () => {
        const r = await runWholeCli([...c.argv, '--json'], api(route, c));
        assert.equal(r.code, 0, r.err);
        assert.ok(r.requests.some((q) => matches(route, q.method, q.url)), `${route} not called`);
        assert.deepEqual(JSON.parse(r.out), c.body);
      });

      it('prints text for people without --json, exit 0', async () => {
        const r = await runWholeCli(c.argv, api(route, c));
        assert.equal(r.code, 0, r.err);
        assert.ok(r.out.length > 0);
        assert.throws(() => JSON.parse(r.out) as unknown, 'not the JSON body');
      });

      it('says why the API refused (its code and message) and exits 1, printing nothing on standard output', async () => {
        const refusal = { status: 409, body: { code: 'CASSOPS_CLUSTER_BUSY', message: 'Operation \'op-9\' (BackupCluster) is running on cluster \'demo\'.' } };
        const r = await runWholeCli([...c.argv, '--json'], api(route, refusal));
        assert.equal(r.code, 1, r.out);
        assert.match(r.err, /HTTP 409 CASSOPS_CLUSTER_BUSY: Operation 'op-9'/);
        assert.equal(r.out, '');
      });
    });
  }
});
