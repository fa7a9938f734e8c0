import type { IncomingMessage } from 'node:http';

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Whether a web page sent the request: browsers add `Origin` to cross-origin and state-changing
 * requests and `Sec-Fetch-Site` to every request a page makes (`none` only for one the user typed
 * or bookmarked). CLI and SDK clients send neither, so refusing these leaves them working.
 */
export function isBrowserRequest(req: IncomingMessage): boolean {
  const site = header(req, 'sec-fetch-site');
  return header(req, 'origin') !== undefined || (site !== undefined && site !== 'none');
}

/**
 * Whether a web page on another origin sent the request (a cross-site or same-site fetch, or an
 * `Origin` other than the host's own): anonymous function routes, and keyed ones in a host run
 * without keys, would otherwise be open to any page the machine's browser opens.
 */
export function isCrossOriginBrowserRequest(req: IncomingMessage, ownOrigins: string[]): boolean {
  const site = header(req, 'sec-fetch-site');
  const origin = header(req, 'origin');
  return site === 'cross-site' || site === 'same-site' || (origin !== undefined && !ownOrigins.includes(origin));
}
