// The app's storage account: Functions host, Durable Functions task hub, the app's tables, queues
// and snapshot blobs, and the deployment package container. Shared keys are disabled: everything
// authenticates with the managed identity.
param name string
param location string
param tags object

var deploymentContainerName = 'app-package'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  // checkov:skip=CKV_AZURE_35: `azd deploy` uploads the app package into this account from the operator's machine; shared keys are off, so every access needs an Entra ID identity with a data role.
  // checkov:skip=CKV_AZURE_206: Zone-redundant (ZRS); a geo-replica would sit in a region the single-region Functions host and Durable task hub cannot fail over to.
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
}

output name string = storage.name
output deploymentContainerName string = deploymentContainerName
