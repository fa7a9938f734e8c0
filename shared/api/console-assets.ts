/**
 * The web console's files, the only ones `GET /api/console[/{file}]` serves: a fixed table, so no
 * request path ever reaches the file system. `dir` is relative to the app's root: the page and its
 * style ship as written (console/), its modules as the build emits them (dist/console/), and
 * both folders are in the deployed package.
 */
export const CONSOLE_ASSETS = {
  'index.html': { dir: 'console', contentType: 'text/html; charset=utf-8' },
  'console.css': { dir: 'console', contentType: 'text/css; charset=utf-8' },
  'console-page.js': { dir: 'dist/console', contentType: 'text/javascript; charset=utf-8' },
  'console-api.js': { dir: 'dist/console', contentType: 'text/javascript; charset=utf-8' },
  'console-dom.js': { dir: 'dist/console', contentType: 'text/javascript; charset=utf-8' },
  'console-sections.js': { dir: 'dist/console', contentType: 'text/javascript; charset=utf-8' },
  'console-view.js': { dir: 'dist/console', contentType: 'text/javascript; charset=utf-8' },
} as const;

export type ConsoleAssetName = keyof typeof CONSOLE_ASSETS;

/** The asset a request names, or undefined for any other name (the caller answers 404). */
export function findConsoleAsset(name: string): { name: ConsoleAssetName; dir: string; contentType: string } | undefined {
  if (!Object.hasOwn(CONSOLE_ASSETS, name)) return undefined;
  const asset = CONSOLE_ASSETS[name as ConsoleAssetName];
  return { name: name as ConsoleAssetName, ...asset };
}

/**
 * Headers for every console file. The page loads only its own files and calls only the API on
 * its own origin (CSP), cannot be framed (clickjacking a confirmation), and never sends its URL on.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
