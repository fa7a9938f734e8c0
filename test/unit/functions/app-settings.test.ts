import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readAppSettings, requireAppServiceAuthentication } from '../../../functions/app-settings.js';
import { respond } from '../../../functions/http-response.js';

const SUB = '00000000-0000-0000-0000-000000000000';
// What infra/ sets on Azure, less what each case takes away.
const AZURE = { AzureWebJobsStorage__tableServiceUri: 'https://st.table.core.windows.net', AUTOPILOT_SUBSCRIPTION_ID: SUB,
  AUTOPILOT_KEY_VAULT_URL: 'https://kv-autopilot.vault.azure.net/', AUTOPILOT_BACKUP_BLOB_ENDPOINT: 'https://stbackup.blob.core.windows.net/' };
const without = (...keys: string[]) => Object.fromEntries(Object.entries(AZURE).filter(([k]) => !keys.includes(k)));
const issuesOf = (env: Record<string, string | undefined>) => {
  try {
    readAppSettings(env);
    return [];
  } catch (error) {
    assert.equal((error as { code?: string }).code, 'CASSOPS_CONFIG_INVALID');
    return (error as { issues: { path: string; message: string }[] }).issues;
  }
};

describe('app settings on the azure target: each missing or invalid one is named', () => {
  it('accepts what infra/ sets', () => {
    assert.equal(readAppSettings(AZURE).AUTOPILOT_TARGET, 'azure');
  });

  const cases: [string, Record<string, string | undefined>, [string, RegExp][]][] = [
    ['no subscription', without('AUTOPILOT_SUBSCRIPTION_ID'), [['AUTOPILOT_SUBSCRIPTION_ID', /is required/]]],
    ['no Key Vault URL', without('AUTOPILOT_KEY_VAULT_URL'), [['AUTOPILOT_KEY_VAULT_URL', /is required when AUTOPILOT_TARGET is azure/]]],
    ['neither, named together', without('AUTOPILOT_SUBSCRIPTION_ID', 'AUTOPILOT_KEY_VAULT_URL'),
      [['AUTOPILOT_SUBSCRIPTION_ID', /is required/], ['AUTOPILOT_KEY_VAULT_URL', /is required/]]],
    ['a subscription that is not a GUID', { ...AZURE, AUTOPILOT_SUBSCRIPTION_ID: 'my-sub' }, [['AUTOPILOT_SUBSCRIPTION_ID', /GUID/]]],
    ['a vault URL over http', { ...AZURE, AUTOPILOT_KEY_VAULT_URL: 'http://kv.vault.azure.net/' }, [['AUTOPILOT_KEY_VAULT_URL', /https URL/]]],
    ['no storage at all', without('AzureWebJobsStorage__tableServiceUri'), [['AzureWebJobsStorage', /state tables/]]],
    ['no backup account', without('AUTOPILOT_BACKUP_BLOB_ENDPOINT'), [['AUTOPILOT_BACKUP_BLOB_ENDPOINT', /backups go to their own storage account/]]],
  ];
  for (const [name, env, expected] of cases) {
    it(name, () => {
      const issues = issuesOf(env);
      assert.deepEqual(issues.map((i) => i.path), expected.map(([path]) => path));
      expected.forEach(([, message], i) => assert.match(issues[i]!.message, message));
    });
  }

  it('never puts a value in the error', () => {
    const secret = 'hunter2-not-a-guid';
    assert.doesNotMatch(JSON.stringify(issuesOf({ ...AZURE, AUTOPILOT_SUBSCRIPTION_ID: secret })), /hunter2/);
  });
});

describe('a request that needs the settings', () => {
  it('answers 500 CASSOPS_CONFIG_INVALID naming the missing settings, not a bare internal error', async () => {
    // getServices() reads the settings this way on the first request that needs them.
    const response = await respond(async () => { readAppSettings(without('AUTOPILOT_SUBSCRIPTION_ID', 'AUTOPILOT_KEY_VAULT_URL')); throw new Error('not reached'); });
    assert.equal(response.status, 500);
    const body = response.jsonBody as { code: string; message: string; issues: { path: string }[] };
    assert.equal(body.code, 'CASSOPS_CONFIG_INVALID');
    assert.match(body.message, /AUTOPILOT_SUBSCRIPTION_ID .*AUTOPILOT_KEY_VAULT_URL/);
    assert.deepEqual(body.issues.map((i) => i.path), ['AUTOPILOT_SUBSCRIPTION_ID', 'AUTOPILOT_KEY_VAULT_URL']);
  });
});

describe('App Service authentication before roles are read', () => {
  it('is required on Azure (WEBSITE_AUTH_ENABLED, which App Service sets) and not locally', () => {
    assert.doesNotThrow(() => requireAppServiceAuthentication({ WEBSITE_AUTH_ENABLED: 'True' }));
    assert.doesNotThrow(() => requireAppServiceAuthentication({ AUTOPILOT_TARGET: 'local' }));
    for (const env of [{}, { AUTOPILOT_TARGET: 'azure', WEBSITE_AUTH_ENABLED: 'False' }]) {
      assert.throws(() => requireAppServiceAuthentication(env),
        (e: Error & { code?: string }) => e.code === 'CASSOPS_CONFIG_INVALID' && /WEBSITE_AUTH_ENABLED must be True/.test(e.message));
    }
  });
});
