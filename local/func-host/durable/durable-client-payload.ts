import { createHmac, randomBytes } from 'node:crypto';

/** The system key for the durable webhooks, derived from the master key (never the key itself). */
export function durableSystemKey(masterKey: string | undefined): string | undefined {
  return masterKey ? createHmac('sha256', masterKey).update('durabletask_extension').digest('base64url') : undefined;
}

/** App setting through which a launcher hands the host a system key it can also give its callers. */
export const SYSTEM_KEY_SETTING = 'FUNC_HOST_SYSTEM_KEY';

/**
 * The key the admin API and the durable endpoints accept besides master keys: the launcher's
 * (SYSTEM_KEY_SETTING), else one derived from the master key, else a random one. There is always
 * one, so those endpoints are never open, even on a host run without keys.
 */
export function hostSystemKey(appSettings: Record<string, string>, masterKey: string | undefined): string {
  return appSettings[SYSTEM_KEY_SETTING] || durableSystemKey(masterKey) || randomBytes(32).toString('base64url');
}

/** Management URLs for one instance, as the check-status response lists them. */
export function managementUrls(origin: string, hubName: string, instanceId: string, systemKey?: string): Record<string, string> {
  const root = `${origin}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}`;
  const q = `taskHub=${hubName}&connection=Storage${systemKey ? `&code=${systemKey}` : ''}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${root}?${q}`,
    sendEventPostUri: `${root}/raiseEvent/{eventName}?${q}`,
    terminatePostUri: `${root}/terminate?reason={text}&${q}`,
    rewindPostUri: `${root}/rewind?reason={text}&${q}`,
    purgeHistoryDeleteUri: `${root}?${q}`,
    restartPostUri: `${root}/restart?${q}`,
    suspendPostUri: `${root}/suspend?reason={text}&${q}`,
    resumePostUri: `${root}/resume?reason={text}&${q}`,
  };
}

/**
 * The `durableClient` input binding value (notes §3.1). `rpcBaseUrl` points at this host's
 * RPC path, which the JS DurableClient then uses for every call, with the system key as the
 * password of its user info (sent as Basic credentials: the client keeps no query of it); the
 * legacy URLs carry the key as `code`.
 */
export function durableClientPayload(origin: string, hubName: string, systemKey?: string): Record<string, unknown> {
  const root = `${origin}/runtime/webhooks/durabletask`;
  const code = systemKey ? `code=${systemKey}` : '';
  const urls = managementUrls(origin, hubName, 'INSTANCEID', systemKey);
  return {
    taskHubName: hubName,
    connectionName: null,
    creationUrls: {
      createNewInstancePostUri: `${root}/orchestrators/{functionName}[/{instanceId}]?${code}`,
      createAndWaitOnNewInstancePostUri: `${root}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${code}`,
    },
    managementUrls: { ...urls, id: 'INSTANCEID' },
    baseUrl: root,
    requiredQueryStringParameters: code,
    rpcBaseUrl: `${systemKey ? origin.replace('://', `://system:${systemKey}@`) : origin}/durabletask/`,
    httpBaseUrl: null,
  };
}
