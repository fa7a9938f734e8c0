import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_BODY_BYTES, parseJsonBody, readJsonBody } from '../../../shared/api/parse-json-body.js';
import { isOpsError } from '../../../shared/errors/ops-error.js';

const failsWith = (code: string) => (error: unknown) => isOpsError(error) && error.code === code;

/** A fetch Request with a streamed body: no content-length, as a chunked upload arrives. */
function chunkedRequest(chunks: string[], contentType?: string): Request {
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => { for (const c of chunks) controller.enqueue(Buffer.from(c)); controller.close(); },
  });
  const headers = contentType ? { 'content-type': contentType } : undefined;
  return new Request('http://localhost/api/clusters', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

test('a missing content type is 415, like a non-JSON one; JSON and +json types parse', () => {
  for (const type of [null, undefined, '', 'text/plain', 'application/jsonp-no', 'multipart/form-data']) {
    assert.throws(() => parseJsonBody('{}', type), failsWith('CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE'), String(type));
  }
  for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'application/merge-patch+json']) {
    assert.deepEqual(parseJsonBody('{"a":1}', type), { a: 1 });
  }
});

test('readJsonBody reads a chunked body of JSON pieces', async () => {
  assert.deepEqual(await readJsonBody(chunkedRequest(['{"a":', '[1,2]}'], 'application/json')), { a: [1, 2] });
});

test('readJsonBody refuses a missing content type before reading, a declared oversize length unread, a chunked one at the limit', async () => {
  await assert.rejects(readJsonBody(chunkedRequest(['{}'])), failsWith('CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE'));
  const unread = { headers: new Headers({ 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) }),
    body: { [Symbol.asyncIterator]: () => { throw new Error('the body was read'); } } };
  await assert.rejects(readJsonBody(unread), failsWith('CASSOPS_REQUEST_TOO_LARGE'));
  const piece = 'x'.repeat(64 * 1024);
  const chunked = chunkedRequest(['{"pad":"', piece, piece, piece, piece, '"}'], 'application/json');
  await assert.rejects(readJsonBody(chunked), failsWith('CASSOPS_REQUEST_TOO_LARGE'));
});

test('readJsonBody of a route whose body is optional: no body is the default, a body is still JSON checked', async () => {
  assert.deepEqual(await readJsonBody(chunkedRequest([]), { whenEmpty: {} }), {});
  assert.deepEqual(await readJsonBody(chunkedRequest(['{"mode":"full"}'], 'application/json'), { whenEmpty: {} }), { mode: 'full' });
  await assert.rejects(readJsonBody(chunkedRequest(['{"mode":'], 'application/json'), { whenEmpty: {} }), failsWith('CASSOPS_REQUEST_MALFORMED_JSON'));
  await assert.rejects(readJsonBody(chunkedRequest(['{}'], 'text/plain'), { whenEmpty: {} }), failsWith('CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE'));
});
