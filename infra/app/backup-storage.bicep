// The backup storage account: SSTables and manifests of every cluster, one container per cluster
// (created by the app). Nodes upload with short-lived user delegation SAS the app issues; shared
// keys are off, so no account key exists to leak. Geo-redundant, versioned and soft-deleted, so a
// region, an overwrite or a delete does not lose a backup; an optional immutability policy makes
// versions undeletable for a period (ransomware, operator error). No hierarchical namespace:
// blob versioning is not available with it (which also rules out directory-scoped SAS).
param name string
param location string
param tags object

@description('Days a deleted blob or container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteDays int = 14

@description('Days every blob version is kept immutable (WORM); 0 disables the policy. Locking it is left to an operator.')
@minValue(0)
@maxValue(146000)
param immutabilityDays int = 0

@description('Days after which backup data moves to the Cool tier, then to Cold; restores read these tiers directly.')
param coolAfterDays int = 30
param coldAfterDays int = 90

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_35: Cluster nodes upload from VNets the app creates per cluster at deploy time, which a fixed deny rule cannot list; shared keys are off, and each node holds only a user delegation SAS for its own cluster's container that lasts a day at most.
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_RAGZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    isHnsEnabled: false
    accessTier: 'Hot'
    immutableStorageWithVersioning: immutabilityDays > 0 ? {
      enabled: true
      immutabilityPolicy: { immutabilityPeriodSinceCreationInDays: immutabilityDays, state: 'Unlocked', allowProtectedAppendWrites: false }
    } : null
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteDays }
  }
}

// Backup data is written once and read rarely: move it to cooler tiers as it ages, and drop old
// versions (left by overwrites) after the soft-delete window. Retention itself is the app's
// (schedules.snapshot.retentionDays and keepLast): a lifecycle delete could remove a file a kept
// backup still references.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'backup-data-to-cooler-tiers'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: ['blockBlob'] }
            actions: {
              baseBlob: {
                tierToCool: { daysAfterCreationGreaterThan: coolAfterDays }
                tierToCold: { daysAfterCreationGreaterThan: coldAfterDays }
              }
              version: { delete: { daysAfterCreationGreaterThan: softDeleteDays } }
            }
          }
        }
      ]
    }
  }
  dependsOn: [blobService]
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
