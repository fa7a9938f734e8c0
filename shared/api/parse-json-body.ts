import { OpsError } from '../errors/ops-error.js';
import { bodyTooLarge, readCappedText } from './read-capped-text.js';

/** Largest request body accepted, in bytes: a spec for many DCs is a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The parts of an HTTP request a JSON body is read from; @azure/functions' HttpRequest has them. */
export interface JsonBodyRequest {
  headers: { get(name: string): string | null };
  body: AsyncIterable<Uint8Array> | null;
}

/**
 * Reads and parses a request's JSON body. The content type is checked before anything is read;
 * a declared length over MAX_BODY_BYTES is refused unread, and an undeclared one (chunked) is cut
 * off at the limit while reading. A route whose body is optional passes `whenEmpty`, returned
 * for a request with no body (whatever its content type). Errors: those of parseJsonBody and
 * readCappedText.
 */
export async function readJsonBody(request: JsonBodyRequest, options: { whenEmpty?: unknown } = {}): Promise<unknown> {
  const contentType = request.headers.get('content-type');
  const optional = 'whenEmpty' in options;
  if (!optional) refuseNonJson(contentType);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
  const text = await readCappedText(request.body, MAX_BODY_BYTES);
  if (optional && text.trim() === '') return options.whenEmpty;
  return parseJsonBody(text, contentType);
}

/**
 * Parses a JSON request body. Errors: CASSOPS_REQUEST_TOO_LARGE over MAX_BODY_BYTES,
 * CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE for a missing or non-JSON content type (a client that
 * names none has not said it sends JSON), CASSOPS_REQUEST_MALFORMED_JSON (with the parser's reason)
 * for an empty or unparsable body.
 */
export function parseJsonBody(text: string, contentType: string | null | undefined): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw bodyTooLarge(MAX_BODY_BYTES);
  refuseNonJson(contentType);
  if (text.trim() === '') {
    throw new OpsError('CASSOPS_REQUEST_MALFORMED_JSON', { message: 'The request body is empty; send the cluster spec as JSON.' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OpsError('CASSOPS_REQUEST_MALFORMED_JSON', { message: `The request body is not valid JSON: ${(error as Error).message}` });
  }
}

function refuseNonJson(contentType: string | null | undefined): void {
  if (contentType && /^application\/(.+\+)?json\b/i.test(contentType.trim())) return;
  const message = contentType
    ? `Content-Type '${contentType}' is not application/json.`
    : 'The request has no Content-Type; send application/json.';
  throw new OpsError('CASSOPS_REQUEST_UNSUPPORTED_MEDIA_TYPE', { message });
}
