import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoreRegistry } from './core-api.js';
import { expandMainGlob } from './expand-main-glob.js';

/** The worker's default capabilities, all "true" (worker/src/eventHandlers/getWorkerCapabilities.ts). */
const WORKER_CAPABILITIES = Object.fromEntries([
  'RawHttpBodyBytes', 'RpcHttpTriggerMetadataRemoved', 'RpcHttpBodyOnly', 'IgnoreEmptyValuedRpcHttpHeaders',
  'UseNullableValueDictionaryForHttp', 'WorkerStatus', 'TypedDataCollection', 'HandlesWorkerTerminateMessage',
].map((k) => [k, 'true']));

/** What loading produced: the files loaded and the app-wide hook data shared by every hook. */
export interface LoadedApp {
  files: string[];
  appHookData: Record<string, unknown>;
}

/**
 * Loads a Functions app the way the Node worker does: expand package.json `main` (globs
 * allowed), `import()` ESM files (.mjs, or .js under "type":"module") and `require` the rest,
 * run the appStart hooks, then lock setup through `getCapabilities`.
 * Errors: FUNC_APP_MAIN_MISSING when package.json has no `main`; FUNC_APP_NO_FILES when it
 * matches no file; a load error is rethrown naming the file.
 */
export async function loadApp(appDir: string, registry: CoreRegistry): Promise<LoadedApp> {
  const pkg = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { main?: unknown; type?: unknown };
  if (typeof pkg.main !== 'string' || pkg.main === '') {
    throw new Error(`FUNC_APP_MAIN_MISSING: ${join(appDir, 'package.json')} field "main" must name the entry files (a path or glob)`);
  }
  const files = expandMainGlob(appDir, pkg.main);
  if (files.length === 0) throw new Error(`FUNC_APP_NO_FILES: package.json "main" (${pkg.main}) matches no file under ${appDir}`);
  const requireFromApp = createRequire(join(appDir, 'package.json'));
  for (const file of files) {
    const esm = file.endsWith('.mjs') || (pkg.type === 'module' && !file.endsWith('.cjs'));
    try {
      if (esm) await import(pathToFileURL(file).href);
      else requireFromApp(file);
    } catch (error) {
      throw new Error(`failed to load ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  const appHookData: Record<string, unknown> = {};
  for (const hook of registry.hooks.appStart) await hook({ hookData: {}, appHookData, functionAppDirectory: appDir });
  if (registry.functions.size > 0) await registry.programmingModel().getCapabilities?.({ ...WORKER_CAPABILITIES });
  return { files, appHookData };
}

/** Runs the appTerminate hooks (on host shutdown), with the same app hook data as appStart. */
export async function terminateApp(appDir: string, registry: CoreRegistry, loaded: LoadedApp): Promise<void> {
  for (const hook of registry.hooks.appTerminate) {
    await hook({ hookData: {}, appHookData: loaded.appHookData, functionAppDirectory: appDir });
  }
}
