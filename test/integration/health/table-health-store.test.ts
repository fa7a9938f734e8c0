import { it } from 'node:test';
import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { TableHealthStore } from '../../../shared/adapters/state/table-health-store.js';
import { ACROSS_DAYS, describeHealthStoreContract, healthCheck } from '../../contract/health-store-contract.js';
import { useAzurite } from '../../support/azurite-fixture.js';

let store: TableHealthStore;
let history: TableClient;
useAzurite('health-store', async (azurite) => {
  const table = (name: string) => TableClient.fromConnectionString(azurite.connectionString, name, { allowInsecureConnection: true });
  history = table('HealthHistory');
  store = new TableHealthStore({ latest: table('HealthLatest'), history, alerts: table('HealthAlerts') });
  await store.ensureTables();
});

describeHealthStoreContract('TableHealthStore on Azurite', () => store);

it('TableHealthStore: one history partition per cluster-day, so a day is one query', async () => {
  for (const [i, t] of ACROSS_DAYS.entries()) await store.recordCheck(healthCheck('days', `d${i}`, t, 'Healthy'));
  let count = 0;
  for await (const _ of history.listEntities({ queryOptions: { filter: "PartitionKey eq 'days|2026-03-02'" } })) count++;
  assert.equal(count, 16, 'checks from 20:00 to 23:45 share the 2026-03-02 partition');
});
