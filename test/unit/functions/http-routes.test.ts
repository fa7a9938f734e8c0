import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { installCoreApi } from '../../../local/func-host/core-api.js';
import { loadApp } from '../../../local/func-host/load-app.js';
import { buildOpenApiDocument } from '../../../shared/api/build-openapi-document.js';
import { HTTP_ACCESS } from '../../../shared/domain/access/decide-access.js';
import { buildCli } from '../../../shared/cli/main.js';
import { PAGE_ROUTES, ROUTE_COMMANDS } from '../../../shared/cli/route-commands.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Every HTTP function the app registers, as the Functions host sees it: name → `METHOD /route`. */
async function registeredRoutes(): Promise<Map<string, string[]>> {
  // The local host's stand-in for the worker's core module: loading the compiled app fills it, as the worker would.
  const registry = installCoreApi();
  await loadApp(root, registry);
  const routes = new Map<string, string[]>();
  for (const { metadata } of registry.functions.values()) {
    const trigger = Object.values(metadata.bindings).find((b) => b.type === 'httpTrigger');
    if (trigger) routes.set(metadata.name, (trigger.methods as string[]).map((m) => `${m.toUpperCase()} /${String(trigger.route)}`));
  }
  return routes;
}

function documentRoutes(): string[] {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}

/** The command a path of names reaches (`health check`), through aliases as commander resolves them. */
function findCommand(program: Command, names: string): Command | undefined {
  let command: Command | undefined = program;
  for (const name of names.split(' ')) command = command?.commands.find((c) => c.name() === name || c.aliases().includes(name));
  return command;
}

describe('the HTTP routes, the OpenAPI document and the command line', () => {
  let registered: Map<string, string[]>;
  before(async () => { registered = await registeredRoutes(); });
  const sorted = (routes: Iterable<string>) => [...routes].sort();

  it('registers exactly the HTTP functions the authorization table names', () => {
    assert.deepEqual(sorted(registered.keys()), sorted(Object.keys(HTTP_ACCESS)));
  });

  it('documents exactly the registered routes, method for method, in both directions', () => {
    const served = sorted([...registered.values()].flat());
    const documented = documentRoutes();
    assert.equal(new Set(documented).size, documented.length);
    assert.deepEqual(served.filter((r) => !documented.includes(r)), [], 'registered but not documented');
    assert.deepEqual(documented.filter((r) => !served.includes(r)), [], 'documented but not registered');
  });

  it('has a command for every registered route, and every command it names exists', () => {
    assert.deepEqual(sorted([...Object.keys(ROUTE_COMMANDS), ...Object.keys(PAGE_ROUTES)]), sorted([...registered.values()].flat()));
    const program = buildCli({ stdout: () => {}, stderr: () => {}, env: {}, readText: async () => '' }, () => {});
    for (const [route, command] of Object.entries({ ...ROUTE_COMMANDS, ...PAGE_ROUTES })) assert.ok(findCommand(program, command), `${route}: autopilot ${command}`);
  });
});
