/**
 * Which command calls each API route, keyed `METHOD /path` as the OpenAPI document names them
 * (below its `/api` server). A test keeps the keys equal to the routes the app registers and to
 * the document's, and checks every command exists, so a new route cannot land without a command;
 * `autopilot openapi` shows the table.
 */
export const ROUTE_COMMANDS = {
  'GET /openapi.json': 'openapi',
  'POST /alerts': 'alert send',
  'GET /clusters': 'clusters',
  'POST /clusters': 'deploy',
  'GET /clusters/{name}': 'status',
  'PUT /clusters/{name}': 'update',
  'DELETE /clusters/{name}': 'delete',
  'POST /clusters/{name}/plan': 'diff',
  'POST /clusters/{name}/restart': 'restart',
  'POST /clusters/{name}/nodes/{node}/restart': 'nodes restart',
  'POST /clusters/{name}/nodes/{node}/replace': 'nodes replace',
  'POST /clusters/{name}/lease/break': 'lease break',
  'GET /clusters/{name}/operations': 'ops list',
  'GET /operations/{id}': 'ops show',
  'POST /operations/{id}/approve': 'ops approve',
  'POST /operations/{id}/reject': 'ops reject',
  'GET /clusters/{name}/health': 'health show',
  'GET /clusters/{name}/health/history': 'health history',
  'POST /clusters/{name}/health/check': 'health check',
  'GET /clusters/{name}/health/checks/{checkId}': 'health check-status',
  'GET /clusters/{name}/remediations': 'remediations',
  'POST /clusters/{name}/repairs': 'repair start',
  'GET /clusters/{name}/repairs': 'repair list',
  'GET /clusters/{name}/repairs/ledger': 'repair ledger',
  'GET /clusters/{name}/repairs/{id}': 'repair status',
  'POST /clusters/{name}/repairs/{id}/pause': 'repair pause',
  'POST /clusters/{name}/repairs/{id}/resume': 'repair resume',
  'POST /clusters/{name}/repairs/{id}/cancel': 'repair cancel',
  'POST /clusters/{name}/backups': 'backup start',
  'GET /clusters/{name}/backups': 'backup list',
  'GET /clusters/{name}/backups/{id}': 'backup show',
  'POST /clusters/{name}/restores': 'restore',
  'POST /clusters/{name}/drills': 'drill start',
  'GET /clusters/{name}/drills': 'drill list',
} as const satisfies Record<string, string>;

/** The web console's routes: pages a browser opens, not API calls; `autopilot console` checks the page answers and prints where it is. */
export const PAGE_ROUTES = {
  'GET /console': 'console',
  'GET /console/{file}': 'console',
} as const satisfies Record<string, string>;
