import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../../infra/${path}`, import.meta.url)), 'utf8');

/** The Bicep has no compiler on this machine: these checks read the declarations that make backups safe. */
describe('infra: backup storage', () => {
  const account = read('app/backup-storage.bicep');
  const roles = read('app/backup-storage-roles.bicep');
  const main = read('main.bicep');

  it('declares an account without shared keys, geo-redundant, versioned, soft-deleted, with optional immutability', () => {
    assert.match(account, /allowSharedKeyAccess: false/);
    assert.match(account, /allowBlobPublicAccess: false/);
    assert.match(account, /sku: \{ name: 'Standard_(RA)?G(Z)?RS' \}/);
    assert.match(account, /isVersioningEnabled: true/);
    assert.match(account, /deleteRetentionPolicy: \{ enabled: true/);
    assert.match(account, /containerDeleteRetentionPolicy: \{ enabled: true/);
    assert.match(account, /immutableStorageWithVersioning: immutabilityDays > 0/);
    assert.match(account, /isHnsEnabled: false/, 'versioning needs a flat namespace');
  });

  it('tiers old backup data down, and never deletes current blobs by age (retention is the app\'s, by reference)', () => {
    assert.match(account, /tierToCool: \{ daysAfterCreationGreaterThan/);
    assert.match(account, /tierToCold: \{ daysAfterCreationGreaterThan/);
    const baseBlob = /baseBlob: \{([^}]*\}[^}]*\})/.exec(account)?.[1] ?? '';
    assert.ok(!/delete/.test(baseBlob), 'no age-based delete of current blobs');
  });

  it('grants the app Storage Blob Data Contributor on the backup account only: data rights and the delegation key, nothing broader', () => {
    const roleIds = [...roles.matchAll(/'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'/g)].map((m) => m[1]);
    assert.deepEqual(roleIds, ['ba92f5b4-2d11-453d-a403-e96b0029c9fe']);
    assert.match(roles, /scope: account/);
    assert.ok(!/subscription\(\)\.id|resourceGroup\(\)\.id/.test(roles), 'not scoped above the account');
    assert.match(main, /module backupStorageRoles 'app\/backup-storage-roles\.bicep'/);
    assert.match(main, /backupImmutabilityDays/);
  });
});
