// The VNet the Function App integrates with. Its subnet is delegated to Microsoft.App/environments,
// as Flex Consumption requires; cluster VNets can be peered with it so health probes reach CQL.
// A second subnet holds private endpoints (the Key Vault's), reached from the app through the VNet.
param name string
param location string
param tags object
param addressPrefix string
param functionsSubnetPrefix string
param privateEndpointsSubnetPrefix string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'snet-functions'
        properties: {
          addressPrefix: functionsSubnetPrefix
          delegations: [{ name: 'flex', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'snet-private-endpoints'
        properties: {
          addressPrefix: privateEndpointsSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

output id string = vnet.id
output functionsSubnetId string = vnet.properties.subnets[0].id
output privateEndpointsSubnetId string = vnet.properties.subnets[1].id
