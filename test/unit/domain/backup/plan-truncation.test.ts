import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planTruncation } from '../../../../shared/domain/backup/plan-truncation.js';
import { MANIFEST_TABLES } from '../../../support/backup-fixtures.js';

const OTHER_ID = '0f0f0f0f-0000-4000-8000-000000000001';
const [orders, users, events] = MANIFEST_TABLES as [typeof MANIFEST_TABLES[number], typeof MANIFEST_TABLES[number], typeof MANIFEST_TABLES[number]];

describe('planTruncation', () => {
  it('empties the tables asked for that exist with the backup\'s id, and no other', () => {
    assert.deepEqual(planTruncation(['ks1.users', 'ks2.events'], MANIFEST_TABLES, MANIFEST_TABLES), { truncate: [users, events], conflicts: [] });
  });
  it('leaves out a table dropped since the backup: there is nothing to empty', () => {
    assert.deepEqual(planTruncation(['ks1.users', 'ks2.events'], MANIFEST_TABLES, [orders, users]), { truncate: [users], conflicts: [] });
  });
  it('names a table that exists with another id than the backup\'s', () => {
    const plan = planTruncation(['ks1.users', 'ks2.events'], MANIFEST_TABLES, [users, { ...events, tableId: OTHER_ID }]);
    assert.deepEqual(plan.conflicts, [{ table: 'ks2.events', currentId: OTHER_ID, backupId: events.tableId }]);
  });
});
