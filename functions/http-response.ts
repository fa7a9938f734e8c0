import type { HttpResponseInit } from '@azure/functions';
import { responseFromError, type ApiResponse } from '../shared/api/api-response.js';

/** Runs an API handler and translates its answer (or anything it threw) into an HTTP response. */
export async function respond(work: () => Promise<ApiResponse>): Promise<HttpResponseInit> {
  let response: ApiResponse;
  try {
    response = await work();
  } catch (error) {
    response = responseFromError(error);
  }
  const headers = { 'cache-control': 'no-store', ...(response.headers ?? {}) };
  // A text body with its own content type (the console's files) goes out as is; anything else is JSON.
  if (typeof response.body === 'string' && response.headers?.['content-type']) return { status: response.status, body: response.body, headers };
  return { status: response.status, jsonBody: response.body, headers };
}
