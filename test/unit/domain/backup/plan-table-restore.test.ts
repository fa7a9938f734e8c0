import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planTableRestore, safetyBackupId } from '../../../../shared/domain/backup/plan-table-restore.js';
import { MANIFEST_TABLES } from '../../../support/backup-fixtures.js';

describe('planTableRestore', () => {
  const cases: [string, Parameters<typeof planTableRestore>[0], ReturnType<typeof planTableRestore>][] = [
    ['tables, in the backup\'s order, each once', { tables: ['ks1.users', 'ks1.orders', 'ks1.users'] }, { ok: true, tables: ['ks1.orders', 'ks1.users'] }],
    ['a keyspace: every table of it the backup holds', { keyspaces: ['ks1'] }, { ok: true, tables: ['ks1.orders', 'ks1.users'] }],
    ['an unknown table and a system one, each at its path', { tables: ['ks1.users', 'ks1.nobody', 'system_schema.tables'] },
      { ok: false, issues: [{ path: '$.tables[1]', message: 'backup holds no table "ks1.nobody"' },
        { path: '$.tables[2]', message: 'backup holds no table "system_schema.tables"' }] }],
    ['a keyspace of which it holds no table, and a system one', { keyspaces: ['ks2', 'ks9', 'system_schema'] },
      { ok: false, issues: [{ path: '$.keyspaces[1]', message: 'backup holds no table of keyspace "ks9"' },
        { path: '$.keyspaces[2]', message: 'backup holds no table of keyspace "system_schema"' }] }],
  ];
  for (const [what, targets, expected] of cases) {
    it(what, () => assert.deepEqual(planTableRestore(targets, MANIFEST_TABLES), expected));
  }

  it('names the safety backup after the restore', () => assert.equal(safetyBackupId('r-1'), 'r-1-safety'));
});
