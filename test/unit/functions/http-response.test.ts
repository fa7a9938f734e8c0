import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { respond } from '../../../functions/http-response.js';
import { OpsError } from '../../../shared/errors/ops-error.js';

describe('respond: an API handler\'s answer as an HTTP response', () => {
  it('sends a text body with its own content type as is (the console\'s files), never JSON-encoded', async () => {
    const response = await respond(async () => ({ status: 200, body: '<!doctype html>', headers: { 'content-type': 'text/html; charset=utf-8' } }));
    assert.deepEqual([response.body, response.jsonBody], ['<!doctype html>', undefined]);
    assert.equal((response.headers as Record<string, string>)['content-type'], 'text/html; charset=utf-8');
    assert.equal((response.headers as Record<string, string>)['cache-control'], 'no-store');
  });

  it('sends any other body as JSON, a string without a content type included', async () => {
    const json = await respond(async () => ({ status: 200, body: { a: 1 } }));
    assert.deepEqual([json.jsonBody, json.body], [{ a: 1 }, undefined]);
    const text = await respond(async () => ({ status: 200, body: 'plain' }));
    assert.deepEqual([text.jsonBody, text.body], ['plain', undefined]);
  });

  it('answers what a handler throws with the error body', async () => {
    const response = await respond(async () => { throw new OpsError('CASSOPS_CONSOLE_FILE_NOT_FOUND'); });
    assert.equal(response.status, 404);
    assert.equal((response.jsonBody as { code: string }).code, 'CASSOPS_CONSOLE_FILE_NOT_FOUND');
  });
});
