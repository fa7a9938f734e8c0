// The app's access to one cluster resource group, for deployments that grant it per group
// instead of on the subscription (main.bicep, clusterResourceGroups): the chosen role on this
// group only. The group must exist already; the app cannot create groups then.
param appPrincipalId string
param roleDefinitionId string
@description('Names this assignment apart from other environments\' on the same group.')
param environmentName string

resource access 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, environmentName, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}
