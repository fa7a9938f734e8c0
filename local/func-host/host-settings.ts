import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const timeSpan = z.string().regex(/^(\d+\.)?\d{1,2}:\d{2}:\d{2}(\.\d+)?$/, 'must be a TimeSpan such as "00:00:30"');

const hostJsonSchema = z.object({
  version: z.string().optional(),
  functionTimeout: timeSpan.optional(),
  extensions: z.object({
    http: z.object({ routePrefix: z.string().optional() }).loose().optional(),
    queues: z.object({
      maxDequeueCount: z.number().int().min(1).optional(),
      visibilityTimeout: timeSpan.optional(),
      batchSize: z.number().int().min(1).max(32).optional(),
      maxPollingInterval: timeSpan.optional(),
    }).loose().optional(),
    durableTask: z.object({
      hubName: z.string().optional(),
      maxConcurrentActivityFunctions: z.number().int().min(1).optional(),
      maxConcurrentOrchestratorFunctions: z.number().int().min(1).optional(),
      storageProvider: z.object({
        controlQueueVisibilityTimeout: timeSpan.optional(),
        workItemQueueVisibilityTimeout: timeSpan.optional(),
        maxQueuePollingInterval: timeSpan.optional(),
      }).loose().optional(),
    }).loose().optional(),
  }).loose().optional(),
}).loose();

/** The host settings the local host honours, resolved from host.json, settings and environment. */
export interface HostSettings {
  routePrefix: string;
  queues: { maxDequeueCount: number; visibilityTimeoutInMs: number; batchSize: number; maxPollingIntervalInMs: number };
  durable: {
    hubName: string;
    maxConcurrentActivityFunctions: number;
    maxConcurrentOrchestratorFunctions: number;
    controlQueueVisibilityTimeoutInMs: number;
    workItemQueueVisibilityTimeoutInMs: number;
    maxQueuePollingIntervalInMs: number;
  };
  /** App settings: local.settings.json `Values` overlaid by the process environment. */
  appSettings: Record<string, string>;
}

/** Parses a .NET TimeSpan string ("[d.]hh:mm:ss[.fff]") into milliseconds. */
export function timeSpanToMs(text: string): number {
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(text);
  if (!m) throw new Error(`"${text}" is not a TimeSpan such as "00:00:30"`);
  const [, d, h, min, s, frac] = m;
  return ((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000 + Math.round(Number(frac ?? 0) * 1000);
}

/**
 * Reads `<appDir>/host.json` and `<appDir>/local.settings.json` the way `func start` does:
 * Values become app settings unless the environment already sets them, and `%NAME%` in
 * host.json strings resolves to the app setting NAME.
 * Errors: HOST_JSON_INVALID names each bad field (path and problem); HOST_SETTING_MISSING when a
 * `%NAME%` reference has no value.
 */
export function loadHostSettings(appDir: string, env: NodeJS.ProcessEnv): HostSettings {
  const appSettings = readLocalSettings(appDir);
  for (const [k, v] of Object.entries(env)) if (v !== undefined) appSettings[k] = v;
  const raw = existsSync(join(appDir, 'host.json')) ? JSON.parse(readFileSync(join(appDir, 'host.json'), 'utf8')) as unknown : {};
  const parsed = hostJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`HOST_JSON_INVALID: ${join(appDir, 'host.json')}: ${issues}`);
  }
  const ext = parsed.data.extensions ?? {};
  const dt = ext.durableTask ?? {};
  const sp = dt.storageProvider ?? {};
  const hub = resolveSetting(dt.hubName ?? appSettings.WEBSITE_SITE_NAME ?? 'TestHubName', appSettings, 'extensions.durableTask.hubName');
  if (!/^[A-Za-z][A-Za-z0-9]{2,44}$/.test(hub)) {
    throw new Error(`HOST_JSON_INVALID: extensions.durableTask.hubName "${hub}" must start with a letter and hold 3-45 letters or digits`);
  }
  return {
    routePrefix: (ext.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    queues: {
      maxDequeueCount: ext.queues?.maxDequeueCount ?? 5,
      visibilityTimeoutInMs: timeSpanToMs(ext.queues?.visibilityTimeout ?? '00:00:00'),
      batchSize: ext.queues?.batchSize ?? 16,
      maxPollingIntervalInMs: timeSpanToMs(ext.queues?.maxPollingInterval ?? '00:00:02'),
    },
    durable: {
      hubName: hub,
      maxConcurrentActivityFunctions: dt.maxConcurrentActivityFunctions ?? 10,
      maxConcurrentOrchestratorFunctions: dt.maxConcurrentOrchestratorFunctions ?? 10,
      controlQueueVisibilityTimeoutInMs: timeSpanToMs(sp.controlQueueVisibilityTimeout ?? '00:00:30'),
      workItemQueueVisibilityTimeoutInMs: timeSpanToMs(sp.workItemQueueVisibilityTimeout ?? '00:00:30'),
      maxQueuePollingIntervalInMs: timeSpanToMs(sp.maxQueuePollingInterval ?? '00:00:01'),
    },
    appSettings,
  };
}

function readLocalSettings(appDir: string): Record<string, string> {
  const path = join(appDir, 'local.settings.json');
  if (!existsSync(path)) return {};
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { Values?: Record<string, unknown> };
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed.Values ?? {})) {
    if (typeof v !== 'string') throw new Error(`LOCAL_SETTINGS_INVALID: ${path}: Values.${k} must be a string`);
    values[k] = v;
  }
  return values;
}

function resolveSetting(text: string, settings: Record<string, string>, field: string): string {
  return text.replace(/%([^%]+)%/g, (_, name: string) => {
    const value = settings[name];
    if (value === undefined || value === '') throw new Error(`HOST_SETTING_MISSING: ${field} refers to app setting ${name}, which is not set`);
    return value;
  });
}
