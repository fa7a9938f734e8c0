import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RequestLogEntry } from '../../../local/arm-sim/request-log.js';
import { rbacActionsOfRun } from '../../../local/arm-sim/rbac-actions-of-run.js';

/** The directory scenarios record their RBAC actions in; test/run-tests.mjs sets it for the e2e suite. */
export const RBAC_ACTIONS_DIR_ENV = 'AUTOPILOT_RBAC_ACTIONS_DIR';

/** What one stack's run recorded: the distinct actions the app's principal needed, and requests no rule maps. */
export interface RecordedRbacActions {
  scenario: string;
  actions: string[];
  unmapped: string[];
}

/**
 * Reads a stopped simulator's request log, keeps the requests the app's own principal made (the
 * tests' hands, such as powering a VM off, call as the tool principal), and writes their RBAC
 * actions to a new file in `dir`, one per run, so runs in separate processes never share a file.
 */
export function recordRbacActions(o: { requestLogFile: string; appClientId: string; dir: string; scenario: string }): void {
  const entries = readFileSync(o.requestLogFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as RequestLogEntry);
  const needs = rbacActionsOfRun(entries.filter((e) => e.caller === o.appClientId));
  const record: RecordedRbacActions = { scenario: o.scenario, ...needs };
  mkdirSync(o.dir, { recursive: true });
  writeFileSync(join(o.dir, `${basename(o.scenario)}-${randomUUID()}.json`), JSON.stringify(record, null, 2));
}

/** Every run recorded in `dir`, in file-name order. */
export function readRecordedRbacActions(dir: string): RecordedRbacActions[] {
  return readdirSync(dir).filter((name) => name.endsWith('.json')).sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as RecordedRbacActions);
}
