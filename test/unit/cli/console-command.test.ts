import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runWholeCli, type Route } from '../../support/run-service-command.js';

const page: Route = (method, url) => (method === 'GET' && new URL(url).pathname === '/api/console'
  ? { status: 200, body: '<!doctype html>' } : { status: 404, body: { code: 'CASSOPS_CONSOLE_FILE_NOT_FOUND', message: 'no such file' } });

describe('autopilot console', () => {
  it('prints the console\'s address once the page answers, exit 0', async () => {
    const r = await runWholeCli(['console', '--url', 'https://ops.example.test/'], page);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'https://ops.example.test/api/console\n');
    assert.deepEqual(r.requests.map((q) => `${q.method} ${q.url}`), ['GET https://ops.example.test/api/console']);
  });

  it('prints the address as JSON with --json', async () => {
    const r = await runWholeCli(['console', '--json'], page, { AUTOPILOT_URL: 'http://127.0.0.1:7071' });
    assert.deepEqual(JSON.parse(r.out), { url: 'http://127.0.0.1:7071/api/console' });
  });

  it('says the page does not answer and exits 1 when the app refuses it', async () => {
    const r = await runWholeCli(['console'], () => ({ status: 404, body: { code: 'CASSOPS_CONSOLE_FILE_NOT_FOUND', message: 'The web console has no file \'index.html\'.' } }));
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /the web console does not answer: HTTP 404 CASSOPS_CONSOLE_FILE_NOT_FOUND/);
  });
});
