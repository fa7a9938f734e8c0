import { OpsError } from '../errors/ops-error.js';

/**
 * Reads a request body stream as UTF-8 text, counting bytes as they arrive. Errors:
 * CASSOPS_REQUEST_TOO_LARGE as soon as the count passes `limitInBytes`: the rest is never read
 * (leaving the loop cancels the stream), so a body without a declared length (chunked) cannot
 * make the app buffer more than the limit. A missing body reads as ''.
 */
export async function readCappedText(body: AsyncIterable<Uint8Array> | null, limitInBytes: number): Promise<string> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limitInBytes) throw bodyTooLarge(limitInBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** CASSOPS_REQUEST_TOO_LARGE naming the limit, for a body declared or read past it. */
export function bodyTooLarge(limitInBytes: number): OpsError {
  return new OpsError('CASSOPS_REQUEST_TOO_LARGE', { message: `The request body is larger than ${limitInBytes} bytes.` });
}
