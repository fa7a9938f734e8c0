import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { installCoreApi } from '../../../local/func-host/core-api.js';
import { loadApp } from '../../../local/func-host/load-app.js';
import { HTTP_ACCESS } from '../../../shared/domain/access/decide-access.js';
import { readDocPage, tableRows } from '../../support/read-doc-page.js';

// The route tables: docs/api.md's, and the health routes and alerts webhook in docs/health.md.
const ROUTE_PAGES = ['api.md', 'health.md'];
const appDir = fileURLToPath(new URL('../../../../', import.meta.url));

/** `GET /api/clusters/{}`: route parameters unnamed, so `{id}` on a page matches `{checkId}` in code. */
const normalize = (method: string, path: string) => `${method} ${path.replace(/\{[^}]*\}/g, '{}')}`;

/**
 * The routes a table's first cell names, in the pages' shorthand: a query string is dropped,
 * `[/{id}]` is the route with and without it, `a\|b` in a segment is one route per name, and
 * `…/drills` after a route is that route's parent with `/drills`.
 */
function routesOfCell(cell: string): string[] {
  const routes: string[] = [];
  let previous = '';
  for (const [, method, written] of cell.matchAll(/`(GET|POST|PUT|DELETE|PATCH) ([^`]+)`/g)) {
    let path = written!.replace(/\?.*$/, '');
    if (path.startsWith('…')) path = previous.slice(0, previous.lastIndexOf('/')) + path.slice(1);
    previous = path;
    const optional = /^(.*)\[([^\]]+)\]$/.exec(path);
    const paths = optional ? [optional[1]!, optional[1]! + optional[2]!] : [path];
    for (const p of paths) {
      const [, stem, last] = /^(.*\/)([^/]*)$/.exec(p)!;
      for (const name of last!.split('\\|')) routes.push(normalize(method!, stem! + name));
    }
  }
  return routes;
}

describe('the route tables of docs/api.md and docs/health.md', () => {
  it('list every HTTP route the app registers, and no other', async () => {
    const registry = installCoreApi();
    registry.logSink = () => {};
    await loadApp(appDir, registry);
    const triggers = [...registry.functions.values()].flatMap(({ metadata }) => Object.values(metadata.bindings)
      .filter((b) => b.type === 'httpTrigger').map((b) => ({ name: metadata.name, route: b.route as string, methods: b.methods as string[] })));
    assert.deepEqual(triggers.map((t) => t.name).sort(), Object.keys(HTTP_ACCESS).sort(), 'every function of HTTP_ACCESS is loaded');

    const registered = new Set(triggers.flatMap((t) => t.methods.map((m) => normalize(m, `/api/${t.route}`))));
    const documented = new Set(ROUTE_PAGES.flatMap((page) => tableRows(readDocPage(page)).flatMap(([first]) => routesOfCell(first ?? ''))));
    assert.deepEqual({
      undocumented: [...registered].filter((r) => !documented.has(r)).sort(),
      notRegistered: [...documented].filter((r) => !registered.has(r)).sort(),
    }, { undocumented: [], notRegistered: [] });
  });

  it('read the pages\' shorthand as the routes it stands for', () => {
    assert.deepEqual(routesOfCell('`POST /api/operations/{id}/approve\\|reject`'),
      ['POST /api/operations/{}/approve', 'POST /api/operations/{}/reject']);
    assert.deepEqual(routesOfCell('`GET /api/clusters/{name}/repairs[/{id}]`'), ['GET /api/clusters/{}/repairs', 'GET /api/clusters/{}/repairs/{}']);
    assert.deepEqual(routesOfCell('`POST /api/clusters/{name}/drills` / `GET …/drills`'),
      ['POST /api/clusters/{}/drills', 'GET /api/clusters/{}/drills']);
    assert.deepEqual(routesOfCell('`DELETE /api/clusters/{name}?confirm={name}`'), ['DELETE /api/clusters/{}']);
    assert.deepEqual(routesOfCell('`CASSOPS_FORBIDDEN`'), []);
  });
});
