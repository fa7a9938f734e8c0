import { basename } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { CronExpressionParser } from 'cron-parser';
import type { CoreRegistry, RegisteredFunction, RpcTypedData } from '../core-api.js';
import type { HostLog } from '../host-log.js';
import type { HostSettings } from '../host-settings.js';
import { triggerOf } from '../invoke-function.js';
import { resolveBindingSetting } from '../output-bindings.js';
import type { StorageConnection } from '../storage-connection.js';

/** The schedule status the host keeps per timer function (Last, Next, LastUpdated as ISO times). */
export interface ScheduleStatus {
  Last: string;
  Next: string;
  LastUpdated: string;
}

/** Running timers; stop() clears them (an invocation in flight finishes on its own). */
export interface TimerScheduler {
  stop(): Promise<void>;
}

/** Options for the scheduler. `run` invokes the function with its trigger input. */
export interface TimerSchedulerOptions {
  registry: CoreRegistry;
  storage: StorageConnection;
  settings: HostSettings;
  log: HostLog;
  appDir: string;
  run(fn: RegisteredFunction, input: Record<string, RpcTypedData>): Promise<void>;
}

/** The timer trigger's input as the host sends it (the library camel-cases it for the handler). */
export function timerInput(isPastDue: boolean, status: ScheduleStatus | null): RpcTypedData {
  return { json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: status, IsPastDue: isPastDue }) };
}

/**
 * Parses a six-field NCRONTAB expression `{second} {minute} {hour} {day} {month} {day-of-week}`
 * (UTC) and returns a function giving the next occurrence after a time.
 * Errors: TIMER_SCHEDULE_INVALID naming the function and the problem.
 */
export function parseSchedule(functionName: string, schedule: string): (after: Date) => Date {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(`TIMER_SCHEDULE_INVALID: function ${functionName} schedule "${schedule}" must have six fields: {second} {minute} {hour} {day} {month} {day-of-week}`);
  }
  try {
    CronExpressionParser.parse(schedule, { tz: 'UTC' });
  } catch (error) {
    throw new Error(`TIMER_SCHEDULE_INVALID: function ${functionName} schedule "${schedule}": ${(error as Error).message}`, { cause: error });
  }
  return (after) => CronExpressionParser.parse(schedule, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/**
 * Starts every timer trigger: runOnStartup, past-due detection from the status blob
 * `azure-webjobs-hosts/timers/<hostId>/<function>/status` (a missed occurrence runs once at start
 * with isPastDue), then the schedule. Like the real host, an occurrence is skipped while the
 * previous invocation still runs, and a failed invocation is not retried.
 */
export async function startTimerScheduler(o: TimerSchedulerOptions): Promise<TimerScheduler> {
  const handles = new Set<NodeJS.Timeout>();
  let stopped = false;
  const timerFns = [...o.registry.functions.values()].filter((f) => triggerOf(f).type === 'timerTrigger');
  if (timerFns.length === 0) return { stop: async () => undefined };
  const container = BlobServiceClient.fromConnectionString(o.storage.connectionString).getContainerClient('azure-webjobs-hosts');
  await container.createIfNotExists();
  const hostId = (o.settings.appSettings.AzureFunctionsWebHost__hostid ?? basename(o.appDir)).toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 32);
  for (const fn of timerFns) {
    const trigger = triggerOf(fn);
    const next = parseSchedule(fn.metadata.name, resolveBindingSetting(String(trigger.schedule ?? ''), o.settings.appSettings, `function ${fn.metadata.name} schedule`));
    const useMonitor = trigger.useMonitor !== false;
    const blob = container.getBlockBlobClient(`timers/${hostId}/${fn.metadata.name}/status`);
    let running = false;
    const fire = async (occurrence: Date, isPastDue: boolean): Promise<void> => {
      const now = new Date();
      const status: ScheduleStatus = { Last: occurrence.toISOString(), Next: next(now > occurrence ? now : occurrence).toISOString(), LastUpdated: now.toISOString() };
      if (useMonitor) await writeStatus(blob, status);
      if (running) return o.log.warn('skipped an occurrence: the previous invocation is still running', { functionName: fn.metadata.name });
      running = true;
      try { await o.run(fn, { [trigger.name]: timerInput(isPastDue, useMonitor ? status : null) }); } catch { /* logged by the invoker; timers do not retry */ } finally { running = false; }
    };
    const arm = (after: Date): void => {
      if (stopped) return;
      const at = next(after);
      const handle = setTimeout(() => {
        handles.delete(handle);
        if (Date.now() < at.getTime() - 5) return arm(after); // setTimeout caps at ~24.8 days
        arm(at);
        void fire(at, false);
      }, Math.min(at.getTime() - Date.now(), 2 ** 31 - 1));
      handles.add(handle);
    };
    const previous = useMonitor ? await readStatus(container, blob) : undefined;
    const startedAt = new Date();
    const pastDue = previous !== undefined && Date.parse(previous.Next) < startedAt.getTime() - 1000;
    if (pastDue || trigger.runOnStartup === true) void fire(pastDue ? new Date(previous.Next) : startedAt, pastDue);
    arm(startedAt);
  }
  return { stop: async () => { stopped = true; handles.forEach((h) => clearTimeout(h)); handles.clear(); } };
}

async function readStatus(container: ContainerClient, blob: ReturnType<ContainerClient['getBlockBlobClient']>): Promise<ScheduleStatus | undefined> {
  void container;
  try {
    const buf = await blob.downloadToBuffer();
    const parsed = JSON.parse(buf.toString('utf8')) as Partial<ScheduleStatus>;
    return typeof parsed.Next === 'string' && typeof parsed.Last === 'string' ? parsed as ScheduleStatus : undefined;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return undefined;
    throw error;
  }
}

async function writeStatus(blob: ReturnType<ContainerClient['getBlockBlobClient']>, status: ScheduleStatus): Promise<void> {
  const text = JSON.stringify(status);
  await blob.upload(text, Buffer.byteLength(text), { blobHTTPHeaders: { blobContentType: 'application/json' } });
}
