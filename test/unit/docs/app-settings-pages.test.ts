import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { z } from 'zod';
import { AppSettingsSchema } from '../../../functions/app-settings.js';
import { HealthSettingsSchema } from '../../../functions/health-settings.js';
import { HealthThresholdsSchema } from '../../../shared/domain/health/health-thresholds.js';
import { readDocPage, tableRows } from '../../support/read-doc-page.js';

const configuration = readDocPage('configuration.md');
const health = readDocPage('health.md');
const shape: Record<string, z.ZodType> = { ...AppSettingsSchema.shape, ...HealthSettingsSchema.shape };

/** A setting's default as text, as the pages write it, or undefined when it has none. */
function defaultOf(schema: z.ZodType): string | undefined {
  const parsed = schema.safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : undefined;
}

/**
 * Settings with the default a settings table's first cell gives them: `NAME` (`value`) or
 * `NAME` (value), as docs/configuration.md writes them; in docs/health.md the default has a
 * column of its own.
 */
function documentedDefaults(): [string, string][] {
  const fromConfiguration = tableRows(configuration).flatMap(([first]) =>
    [...(first ?? '').matchAll(/`([A-Za-z][A-Za-z0-9_]*)` \((`?)([^)`]+)\2\)/g)].map((m): [string, string] => [m[1]!, m[3]!]));
  const fromHealth = tableRows(health).filter(([first]) => /^`HEALTH_[A-Z_]+`$/.test(first ?? ''))
    .map(([name, value]): [string, string] => [name!.slice(1, -1), value!.replace(/^`|`$/g, '')]);
  return [...fromConfiguration, ...fromHealth];
}

describe('the settings tables of docs/configuration.md and docs/health.md', () => {
  it('name every app setting the app reads', () => {
    // `AzureWebJobsStorage__*` are written once in full, then as `__clientId` and the like.
    const documented = (name: string) => [configuration, health].some((page) =>
      page.includes(`\`${name}\``) || (name.startsWith('AzureWebJobsStorage__') && page.includes(`\`${name.slice('AzureWebJobsStorage'.length)}\``)));
    assert.deepEqual(Object.keys(shape).filter((name) => !documented(name)), []);
  });

  it('give each setting the default the app applies', () => {
    const defaults = documentedDefaults();
    assert.ok(defaults.length >= 15, `found ${defaults.length} documented defaults`);
    assert.deepEqual(defaults.map(([name, value]) => [name, shape[name] ? defaultOf(shape[name]) : 'not a setting the app reads', value])
      .filter(([, actual, written]) => actual !== written), []);
  });

  it('give each field of HEALTH_THRESHOLDS its default', () => {
    const row = tableRows(health).find(([first]) => first === '`HEALTH_THRESHOLDS`');
    const documented = Object.fromEntries([...(row?.[2] ?? '').matchAll(/`(\w+)` \(([\d,]+)/g)]
      .map((m) => [m[1]!, Number(m[2]!.replaceAll(',', ''))]));
    assert.deepEqual(documented, HealthThresholdsSchema.parse({}));
  });
});
