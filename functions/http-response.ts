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
  return { status: response.status, jsonBody: response.body, headers: { 'cache-control': 'no-store', ...(response.headers ?? {}) } };
}
