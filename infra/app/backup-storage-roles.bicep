// The app's rights on the backup account, and nothing broader: Storage Blob Data Contributor on
// this account only (create the cluster containers, write manifests and plans, read and delete
// expired backup blobs, and generateUserDelegationKey, which signs the SAS a node uploads with).
// Not Blob Data Owner (no ACLs or ownership to manage), no control-plane role (no listKeys; shared
// keys are off anyway).
param backupAccountName string
param appPrincipalId string

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: backupAccountName
}

resource appBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appPrincipalId, storageBlobDataContributor)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}
