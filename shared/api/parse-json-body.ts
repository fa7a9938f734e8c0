import { OpsError } from '../errors/ops-error.js';

/** Largest request body accepted, in bytes: a spec for many DCs is a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Parses a JSON request body. Errors: CASSOPS_REQUEST_TOO_LARGE over MAX_BODY_BYTES,
 * CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE for a non-JSON content type, CASSOPS_REQUEST_MALFORMED_JSON
 * (with the parser's reason) for an empty or unparsable body.
 */
export function parseJsonBody(text: string, contentType: string | null | undefined): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new OpsError('CASSOPS_REQUEST_TOO_LARGE', { message: `The request body is larger than ${MAX_BODY_BYTES} bytes.` });
  }
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType.trim())) {
    throw new OpsError('CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE', { message: `Content-Type '${contentType}' is not application/json.` });
  }
  if (text.trim() === '') throw new OpsError('CASSOPS_REQUEST_MALFORMED_JSON', { message: 'The request body is empty; send the cluster spec as JSON.' });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OpsError('CASSOPS_REQUEST_MALFORMED_JSON', { message: `The request body is not valid JSON: ${(error as Error).message}` });
  }
}
