import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCappedText } from '../../../shared/api/read-capped-text.js';
import { isOpsError } from '../../../shared/errors/ops-error.js';

/** An endless chunked body that counts what was pulled and whether the reader let go of it. */
function endlessBody(chunkSize: number) {
  const seen = { chunks: 0, closed: false };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        seen.chunks++;
        yield new Uint8Array(chunkSize).fill(0x61);
      }
    } finally {
      seen.closed = true;
    }
  }
  return { body: chunks(), seen };
}

test('reads a body within the limit as UTF-8, across chunk boundaries; no body is empty text', async () => {
  const euro = Buffer.from('€');
  async function* split(): AsyncGenerator<Uint8Array> { yield euro.subarray(0, 1); yield euro.subarray(1); }
  assert.equal(await readCappedText(split(), 3), '€');
  assert.equal(await readCappedText(null, 10), '');
});

test('an undeclared-length body is cut off just past the limit: 413, the rest never pulled, the stream released', async () => {
  const { body, seen } = endlessBody(1024);
  await assert.rejects(readCappedText(body, 10 * 1024),
    (error) => isOpsError(error) && error.code === 'CASSOPS_REQUEST_TOO_LARGE' && error.status === 413);
  assert.equal(seen.chunks, 11);
  assert.equal(seen.closed, true);
});

test('a web ReadableStream (what HttpRequest.body is) is cancelled at the limit', async () => {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) => { pulled++; controller.enqueue(new Uint8Array(4096)); },
    cancel: () => { cancelled = true; },
  }, { highWaterMark: 0 });
  await assert.rejects(readCappedText(stream, 8192), /larger than 8192 bytes/);
  assert.equal(pulled, 3);
  assert.equal(cancelled, true);
});
