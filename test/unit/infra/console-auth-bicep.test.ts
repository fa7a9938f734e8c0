import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONSOLE_ASSETS } from '../../../shared/api/console-assets.js';

const bicep = readFileSync(fileURLToPath(new URL('../../../../infra/app/function-app.bicep', import.meta.url)), 'utf8');

/** The Bicep has no compiler on this machine: this reads the paths App Service authentication lets through. */
describe('infra: App Service authentication and the web console', () => {
  const excluded = [...(/excludedPaths: \[([^\]]*)\]/.exec(bicep)?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]);

  it('lets the console\'s page and every file it serves through without a token, and nothing else of the API', () => {
    const consoleFiles = ['/api/console', ...Object.keys(CONSOLE_ASSETS).map((name) => `/api/console/${name}`)];
    assert.deepEqual(excluded.sort(), ['/api/alerts', '/api/openapi.json', ...consoleFiles].sort());
  });

  it('still answers 401 to anything else without a token', () => {
    assert.match(bicep, /requireAuthentication: true/);
    assert.match(bicep, /unauthenticatedClientAction: 'Return401'/);
  });
});
