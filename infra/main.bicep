// The Function App that runs Cassandra Autopilot: Flex Consumption plan, identity-based storage,
// Application Insights, VNet integration, a private Key Vault, App Service authentication with
// Entra ID, and the roles its managed identity needs. Cluster resources (VNets, VMs, disks) are
// not declared here: the app creates them from cluster specs. Checkov scans these templates in
// CI (no Bicep compiler is installed there); each skipped check says why beside the resource.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Region of the Function App and its storage.')
param location string

@description('Object id of the deploying user, granted data access to the storage account for local debugging; empty to skip.')
param principalId string = ''

@description('Address space of the VNet the Function App integrates with.')
param vnetAddressPrefix string = '10.250.0.0/16'

@description('Subnet delegated to the Function App (Flex Consumption needs Microsoft.App/environments).')
param functionsSubnetPrefix string = '10.250.1.0/24'

@description('Subnet for private endpoints (the Key Vault\'s).')
param privateEndpointsSubnetPrefix string = '10.250.2.0/24'

@minLength(36)
@maxLength(36)
@description('Client id of the Entra ID app registration whose app roles (Reader, Operator, Admin) callers hold: create it first (docs/azure.md) and `azd env set AUTOPILOT_AUTH_CLIENT_ID <id>`.')
param authClientId string

@minValue(7)
@maxValue(90)
@description('Days a deleted secret (or the deleted vault) stays recoverable; purge protection keeps its name taken until then.')
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Zone redundancy for the Flex Consumption plan (only in regions that offer it).')
param zoneRedundant bool = false

@description('Durable Functions task hub name (letters and digits).')
param durableTaskHub string = 'AutopilotHub'

@description('Days every backup blob version stays immutable (WORM); 0 disables the policy.')
param backupImmutabilityDays int = 0

@allowed(['clusterManager', 'contributor', 'none'])
@description('The app\'s role for cluster resources: clusterManager (the custom role holding exactly the ARM actions it calls, infra/app/cluster-manager-role.json), contributor (only if something beyond the product must run as the app), or none (grant access yourself).')
param clusterAccess string = 'clusterManager'

@description('Resource groups (in this subscription) to grant clusterAccess on instead of the whole subscription. Each must exist and carry the tag autopilot-cluster: <cluster>; the app then creates no group and can deploy only into these.')
param clusterResourceGroups array = []

var token = toLower(uniqueString(subscription().id, environmentName, location))
var clusterManagerRole = loadJsonContent('app/cluster-manager-role.json')
var clusterManagerRoleGuid = guid(subscription().id, environmentName, 'autopilot-cluster-manager')
var contributorRoleGuid = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
var clusterRoleGuid = clusterAccess == 'clusterManager' ? clusterManagerRoleGuid : contributorRoleGuid
var clusterRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', clusterRoleGuid)
var tags = { 'azd-env-name': environmentName, product: 'cassandra-autopilot' }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-autopilot-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: { name: 'id-autopilot-${token}', location: location, tags: tags }
}

module monitoring 'app/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: { token: token, location: location, tags: tags }
}

module network 'app/network.bicep' = {
  scope: rg
  name: 'network'
  params: {
    name: 'vnet-autopilot-${token}'
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
    functionsSubnetPrefix: functionsSubnetPrefix
    privateEndpointsSubnetPrefix: privateEndpointsSubnetPrefix
  }
}

module keyVault 'app/key-vault.bicep' = {
  scope: rg
  name: 'key-vault'
  params: {
    name: 'kv-autopilot-${take(token, 10)}'
    location: location
    tags: tags
    vnetId: network.outputs.id
    privateEndpointsSubnetId: network.outputs.privateEndpointsSubnetId
    appPrincipalId: identity.outputs.principalId
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
  }
}

module storage 'app/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: { name: 'stautopilot${take(token, 12)}', location: location, tags: tags }
}

module storageRoles 'app/storage-roles.bicep' = {
  scope: rg
  name: 'storage-roles'
  params: { storageAccountName: storage.outputs.name, appPrincipalId: identity.outputs.principalId, userPrincipalId: principalId }
}

module backupStorage 'app/backup-storage.bicep' = {
  scope: rg
  name: 'backup-storage'
  params: { name: 'stbackup${take(token, 15)}', location: location, tags: tags, immutabilityDays: backupImmutabilityDays }
}

module backupStorageRoles 'app/backup-storage-roles.bicep' = {
  scope: rg
  name: 'backup-storage-roles'
  params: { backupAccountName: backupStorage.outputs.name, appPrincipalId: identity.outputs.principalId }
}

module functionApp 'app/function-app.bicep' = {
  scope: rg
  name: 'function-app'
  params: {
    token: token
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    subnetId: network.outputs.functionsSubnetId
    durableTaskHub: durableTaskHub
    backupBlobEndpoint: backupStorage.outputs.blobEndpoint
    keyVaultUri: keyVault.outputs.uri
    authClientId: authClientId
    zoneRedundant: zoneRedundant
  }
  dependsOn: [storageRoles, backupStorageRoles]
}

module monitoringRoles 'app/monitoring-roles.bicep' = {
  scope: rg
  name: 'monitoring-roles'
  params: { applicationInsightsName: monitoring.outputs.applicationInsightsName, appPrincipalId: identity.outputs.principalId }
}

// The app creates a resource group per cluster datacenter, then VNets, NSGs, peerings, load
// balancers, NICs, availability sets and VMs (with their disks) in it, runs Run Command on the
// VMs and deletes the groups. The custom role holds exactly those ARM actions; the end-to-end
// suite checks them against what the app called on the ARM simulator. Role names are unique per
// tenant, so the environment and subscription are part of this one's.
resource clusterManager 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (clusterAccess == 'clusterManager') {
  name: clusterManagerRoleGuid
  properties: {
    roleName: '${clusterManagerRole.roleName} (${environmentName}, ${subscription().subscriptionId})'
    description: clusterManagerRole.description
    type: 'CustomRole'
    assignableScopes: [subscription().id]
    permissions: [
      {
        actions: clusterManagerRole.actions
        notActions: []
      }
    ]
  }
}

resource clusterAccessOnSubscription 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (clusterAccess != 'none' && empty(clusterResourceGroups)) {
  // Contributor's assignment keeps the name it always had, so redeploying with it finds the same assignment.
  name: guid(subscription().id, environmentName, clusterAccess == 'clusterManager' ? 'autopilot-cluster-manager-assignment' : 'autopilot-contributor')
  properties: {
    roleDefinitionId: clusterRoleId
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
  }
  dependsOn: [clusterManager]
}

module clusterAccessOnGroups 'app/cluster-access.bicep' = [for group in clusterResourceGroups: if (clusterAccess != 'none') {
  scope: resourceGroup(group)
  name: 'cluster-access-${uniqueString(group)}'
  params: { appPrincipalId: identity.outputs.principalId, roleDefinitionId: clusterRoleId, environmentName: environmentName }
  dependsOn: [clusterManager]
}]

output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = functionApp.outputs.defaultHostUrl
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_BACKUP_STORAGE_ACCOUNT_NAME string = backupStorage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
