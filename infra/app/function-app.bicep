// The Function App on a Flex Consumption plan (Linux, Node 22), running as the user-assigned
// identity, integrated with the VNet. Durable Functions use the Azure Storage provider (the one
// Flex supports) with one always-ready instance for the durable group.
param token string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param subnetId string
param durableTaskHub string
@description('Blob endpoint of the backup account; the app reaches it with its managed identity.')
param backupBlobEndpoint string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-autopilot-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-autopilot-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: subnetId
    siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled' }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
        alwaysReady: [{ name: 'durable', instanceCount: 1 }]
      }
      // Node 22: Node 20 reaches end of life in April 2026. The code still runs on Node >= 20.19
      // (package.json engines), where the local stack and the tests run.
      runtime: { name: 'node', version: '22' }
    }
  }
}

// Identity-based connections: no connection string or key is stored in the app's settings.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    DURABLE_TASK_HUB: durableTaskHub
    AUTOPILOT_TARGET: 'azure'
    // The app's own group: cluster specs may not name it, and no cluster delete removes it.
    AUTOPILOT_APP_RESOURCE_GROUP: resourceGroup().name
    AUTOPILOT_BACKUP_BLOB_ENDPOINT: backupBlobEndpoint
  }
}

output name string = app.name
output defaultHostUrl string = 'https://${app.properties.defaultHostName}'
