/** Where the API is and how to authenticate: flags first, then AUTOPILOT_URL / AUTOPILOT_KEY / AUTOPILOT_TOKEN. */
export interface ApiTarget {
  baseUrl: string;
  /** A function key; sent as `x-functions-key`, never printed. */
  key?: string;
  /** On Azure, an Entra ID access token for the app registration; sent as a bearer token, never printed. */
  token?: string;
}

/** An answer from the API: status and parsed JSON body (undefined for an empty body). */
export interface ApiAnswer {
  status: number;
  body: unknown;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
  Promise<{ status: number; text(): Promise<string> }>;

/** Resolves the API target from options and environment; the default is the local stack's host. */
export function resolveApiTarget(options: { url?: string; key?: string }, env: Readonly<Record<string, string | undefined>>): ApiTarget {
  const baseUrl = (options.url ?? env.AUTOPILOT_URL ?? 'http://127.0.0.1:7071').replace(/\/+$/, '');
  const key = options.key ?? env.AUTOPILOT_KEY;
  const token = env.AUTOPILOT_TOKEN;
  return { baseUrl, ...(key ? { key } : {}), ...(token ? { token } : {}) };
}

/** Calls one API route. Network failures become a thrown Error naming the URL (not the key). */
export async function callApi(fetchFn: FetchLike, target: ApiTarget, method: string, path: string,
  options: { body?: string; headers?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const url = `${target.baseUrl}${path}`;
  const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(target.key ? { 'x-functions-key': target.key } : {}),
    ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) };
  let response;
  try {
    response = await fetchFn(url, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
  } catch (error) {
    throw new Error(`cannot reach ${url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** One line for an API error body `{code, message, issues?}` (issues listed below it). */
export function describeApiError(answer: ApiAnswer): string {
  const body = answer.body as { code?: string; message?: string; issues?: { path: string; message: string }[] } | undefined;
  if (!body || typeof body !== 'object') {
    return `HTTP ${answer.status}${answer.status === 401 ? ': missing or wrong function key (--key or AUTOPILOT_KEY), or on Azure Entra ID token (AUTOPILOT_TOKEN)' : ''}`;
  }
  const issues = (body.issues ?? []).map((i) => `\n  ${i.path}: ${i.message}`).join('');
  return `HTTP ${answer.status} ${body.code ?? ''}: ${body.message ?? ''}${issues}`;
}
