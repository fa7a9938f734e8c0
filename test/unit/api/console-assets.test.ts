import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CONSOLE_ASSETS, CONSOLE_HEADERS, findConsoleAsset } from '../../../shared/api/console-assets.js';

const appRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the web console\'s files', () => {
  it('serves only the names in its table: no path, no prototype key, no other file', () => {
    assert.equal(findConsoleAsset('index.html')?.contentType, 'text/html; charset=utf-8');
    assert.equal(findConsoleAsset('console-page.js')?.dir, 'dist/console');
    for (const name of ['', '../package.json', 'index.htm', '__proto__', 'constructor', 'toString', 'console-page.ts', '%2e%2e']) {
      assert.equal(findConsoleAsset(name), undefined, name);
    }
  });

  it('each have a source the build serves them from: page and style as written, modules from the console project', () => {
    const project = JSON.parse(readFileSync(join(appRoot, 'console', 'tsconfig.json'), 'utf8')) as { compilerOptions: { outDir: string } };
    assert.equal(join('console', project.compilerOptions.outDir), join('dist', 'console'), 'the console project emits where modules are served from');
    for (const [name, { dir }] of Object.entries(CONSOLE_ASSETS)) {
      const source = dir === 'console' ? join(appRoot, 'console', name) : join(appRoot, 'console', name.replace(/\.js$/, '.ts'));
      assert.ok(existsSync(source), `${dir}/${name} has its source ${source}`);
    }
  });

  it('the page loads exactly the style and module the table serves, by absolute path', () => {
    const html = readFileSync(join(appRoot, 'console', 'index.html'), 'utf8');
    const loaded = [...html.matchAll(/(?:href|src)="\/api\/console\/([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(loaded.sort(), ['console-page.js', 'console.css']);
    // Every module the page imports, directly or through another, is one the table serves.
    for (const name of Object.keys(CONSOLE_ASSETS).filter((n) => n.endsWith('.js'))) {
      const source = readFileSync(join(appRoot, 'console', name.replace(/\.js$/, '.ts')), 'utf8');
      for (const [, imported] of source.matchAll(/from '\.\/([^']+)'/g)) assert.ok(findConsoleAsset(imported!), `${name} imports ${imported}`);
    }
  });

  it('forbid framing and any script, style or connection from another origin', () => {
    const csp = CONSOLE_HEADERS['content-security-policy'] ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) assert.ok(csp.includes(directive), directive);
    assert.equal(CONSOLE_HEADERS['x-content-type-options'], 'nosniff');
  });
});
