import { readFileSync } from 'node:fs';
import { DefaultAzureCredential } from '@azure/identity';
import { createArmClients, type ArmClients } from '../shared/adapters/arm/create-arm-clients.js';
import { createArmCredential } from '../shared/adapters/arm/create-arm-credential.js';
import { FileSecretStore } from '../shared/adapters/secrets/file-secret-store.js';
import { KeyVaultSecretStore } from '../shared/adapters/secrets/key-vault-secret-store.js';
import type { SecretStore } from '../shared/domain/ports/secret-store.js';
import type { AppSettings } from './app-settings.js';

/** The app's own identity on Azure (the user-assigned managed identity when its client id is set). */
export function azureCredential(settings: AppSettings): DefaultAzureCredential {
  const id = settings.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID ?? settings.AzureWebJobsStorage__clientId;
  return new DefaultAzureCredential(id ? { managedIdentityClientId: id } : {});
}

/** The ARM clients for the app's target: Azure with its identity, or the local simulator trusted by its CA. */
export function armClientsFrom(settings: AppSettings): ArmClients {
  const local = settings.AUTOPILOT_TARGET === 'local';
  const caPem = local ? readFileSync(settings.AUTOPILOT_ARM_CA_FILE as string, 'utf8') : undefined;
  const credential = local
    ? createArmCredential({ kind: 'simulator', authorityHost: settings.AUTOPILOT_ARM_ENDPOINT as string, tenantId: settings.AUTOPILOT_ARM_TENANT_ID as string,
      clientId: settings.AUTOPILOT_ARM_CLIENT_ID as string, clientSecret: settings.AUTOPILOT_ARM_CLIENT_SECRET as string, caPem: caPem as string })
    : createArmCredential({ kind: 'azure', ...(settings.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID ? { managedIdentityClientId: settings.AUTOPILOT_MANAGED_IDENTITY_CLIENT_ID } : {}) });
  return createArmClients({ subscriptionId: settings.AUTOPILOT_SUBSCRIPTION_ID, credential,
    ...(settings.AUTOPILOT_ARM_ENDPOINT ? { endpoint: settings.AUTOPILOT_ARM_ENDPOINT } : {}), ...(caPem ? { caPem } : {}) });
}

/** Where the cluster superuser's password lives: Key Vault on Azure, an owner-only file locally. */
export function secretStoreFrom(settings: AppSettings): SecretStore {
  return settings.AUTOPILOT_TARGET === 'local'
    ? new FileSecretStore(settings.AUTOPILOT_SECRET_FILE as string)
    : KeyVaultSecretStore.fromVaultUrl(settings.AUTOPILOT_KEY_VAULT_URL as string, azureCredential(settings));
}
