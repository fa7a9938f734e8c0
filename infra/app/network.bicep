// The VNet the Function App integrates with. Its subnet is delegated to Microsoft.App/environments,
// as Flex Consumption requires; cluster VNets can be peered with it so health probes reach CQL.
param name string
param location string
param tags object
param addressPrefix string
param functionsSubnetPrefix string

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
    ]
  }
}

output functionsSubnetId string = vnet.properties.subnets[0].id
