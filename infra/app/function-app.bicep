// The Function App on a Flex Consumption plan (Linux, Node 22), running as the user-assigned
// identity, integrated with the VNet. Durable Functions use the Azure Storage provider (the one
// Flex supports) with one always-ready instance for the durable group. App Service
// authentication (Easy Auth) validates Entra ID tokens for the app registration whose app roles
// (Reader, Operator, Admin) the app reads from each request; see docs/azure.md.
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
param keyVaultUri string
@description('Client id (application id) of the Entra ID app registration that defines the app roles Reader, Operator and Admin.')
param authClientId string
@description('Zone redundancy for the Flex Consumption plan, where the region offers it.')
param zoneRedundant bool

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  // checkov:skip=CKV_AZURE_225: Flex Consumption offers zone redundancy only in some regions; the zoneRedundant parameter turns it on there.
  name: 'plan-autopilot-${token}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true, zoneRedundant: zoneRedundant }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  // checkov:skip=CKV_AZURE_222: CI pipelines and Azure Monitor's webhook call the API from outside; every route needs an Entra ID token (App Service authentication) and a function key.
  // checkov:skip=CKV_AZURE_17: Callers authenticate with Entra ID tokens; client certificates would also shut out Azure Monitor's webhook, which cannot present one.
  // checkov:skip=CKV_AZURE_212: Flex Consumption has no fixed workers (numberOfWorkers); it scales per function group, and alwaysReady keeps one durable instance warm.
  // checkov:skip=CKV_AZURE_213: Flex Consumption does not offer the platform health check (healthCheckPath); the app's health is watched in Application Insights.
  name: 'func-autopilot-${token}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identityId}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    virtualNetworkSubnetId: subnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Identity-based connections: no connection string or key is stored in the app's settings.
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'AZURE_CLIENT_ID', value: identityClientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'DURABLE_TASK_HUB', value: durableTaskHub }
        { name: 'AUTOPILOT_TARGET', value: 'azure' }
        // The subscription the app deploys clusters into: this one; specs naming another are refused.
        { name: 'AUTOPILOT_SUBSCRIPTION_ID', value: subscription().subscriptionId }
        { name: 'AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID', value: identityClientId }
        { name: 'AUTOPILOT_KEY_VAULT_URL', value: keyVaultUri }
        // The backup account, reached with the app's identity (user delegation SAS for the nodes).
        { name: 'AUTOPILOT_BACKUP_BLOB_ENDPOINT', value: backupBlobEndpoint }
        // The app's own group: cluster specs may not name it, and no cluster delete removes it.
        { name: 'AUTOPILOT_APP_RESOURCE_GROUP', value: resourceGroup().name }
      ]
    }
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

// App Service authentication: every request needs an Entra ID access token for the app
// registration (v2 or v1 audience) or is refused 401 before the app runs; the app then reads the
// token's app roles from the principal headers this injects (WEBSITE_AUTH_ENABLED tells it they
// are trustworthy). No client secret: the app only validates tokens, it signs nobody in.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  // Checkov reads every Microsoft.Web/sites/config resource as the site's web config, so these
  // checks look for web-config properties this authentication resource cannot carry:
  // checkov:skip=CKV_AZURE_13: This is authsettingsV2, enabled at properties.platform.enabled (CKV_AZURE_56 passes on it); the check reads the legacy authsettings' properties.enabled.
  // checkov:skip=CKV_AZURE_63: Web-config setting (httpLoggingEnabled), not an authentication one; requests are logged to Application Insights.
  // checkov:skip=CKV_AZURE_65: Web-config setting (detailedErrorLoggingEnabled), not an authentication one; errors are logged to Application Insights.
  // checkov:skip=CKV_AZURE_66: Web-config setting (requestTracingEnabled), not an authentication one; requests are traced in Application Insights.
  // checkov:skip=CKV_AZURE_80: Web-config setting (netFrameworkVersion) of .NET apps; this app runs on Node.
  // checkov:skip=CKV_AZURE_88: Web-config setting (azureStorageAccounts mounts); the app mounts no file share.
  // checkov:skip=CKV_AZURE_222: Site setting (publicNetworkAccess), skipped on the site above with its reason.
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      // Azure Monitor's Action Group calls the alerts webhook with that function's key and no
      // token; the OpenAPI document and the web console's files hold no data (the console's API
      // calls carry the user's token). Exact paths: shared/api/console-assets.ts lists the files.
      excludedPaths: [
        '/api/alerts'
        '/api/openapi.json'
        '/api/console'
        '/api/console/index.html'
        '/api/console/console.css'
        '/api/console/console-page.js'
        '/api/console/console-api.js'
        '/api/console/console-dom.js'
        '/api/console/console-sections.js'
        '/api/console/console-view.js'
      ]
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: { allowedAudiences: [authClientId, 'api://${authClientId}'] }
      }
    }
    login: { tokenStore: { enabled: false } }
    httpSettings: { requireHttps: true }
  }
}

output name string = app.name
output defaultHostUrl string = 'https://${app.properties.defaultHostName}'
