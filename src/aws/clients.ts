import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { addCallLogging } from './callLog';
import { gateClient, type CallGate } from './callGate';
import { requestHandlerOptions } from './httpOptions';
import { identityCenterCredentials, type RoleCredentialsCache } from './identityCenter';
import type { Logger, Scope } from './types';

export { DEFAULT_REQUEST_TIMEOUT_MS } from './httpOptions';

export interface ClientOptions {
  /** Overrides the endpoint of both services; otherwise the SDK honours AWS_ENDPOINT_URL* and the profile's endpoint_url. */
  readonly endpointUrl?: string;
  readonly logger: Logger;
  /** A hung request must end in a message, not a progress notification that never closes. */
  readonly requestTimeoutMs?: number;
  readonly maxAttempts?: number;
  /** Shared by every scope shown, so that many scopes loading together stay under one bound of calls in flight. */
  readonly gate?: CallGate;
  /** Shared by the scopes of one build, so an Identity Center account and role shown in several regions is fetched once. */
  readonly roleCredentials?: RoleCredentialsCache;
}

export interface AwsClients {
  readonly secrets: SecretsManagerClient;
  readonly kms: KMSClient;
  /** The Resource Groups Tagging API: every KMS key's tags in pages of 100, where the caller may use it. */
  readonly tagging: ResourceGroupsTaggingAPIClient;
  /** Resolves the credentials once, so a missing or expired login is found before any listing. */
  checkCredentials(): Promise<void>;
  /** The account the credentials belong to (STS GetCallerIdentity, which needs no permission). */
  accountId(): Promise<string | undefined>;
  /** Who the credentials are (STS GetCallerIdentity): the caller is always among the principals evaluated. */
  caller(): Promise<{ account?: string; arn?: string }>;
  /** IAM, made on first use: only the access impact of a change needs it. */
  iam(): IAMClient;
  destroy(): void;
}

/** What every client of a profile and region is made with: its credentials, timeouts, retries and endpoint. */
export function clientConfig(scope: Scope, options: ClientOptions) {
  // One credential provider shared by the clients made from this config, so an SSO token or assumed role is fetched
  // once. ignoreCache: a profile edited or a login renewed since the last read must count on the next Refresh.
  // An Identity Center scope's `profile` is only its label: no profile of that name exists, so none reaches the SDK.
  const fromIdentityCenter = scope.identityCenter;
  const credentials = fromIdentityCenter
    ? identityCenterCredentials(fromIdentityCenter, options)
    : fromNodeProviderChain({ ...(scope.profile ? { profile: scope.profile } : {}), ignoreCache: true });
  return {
    region: scope.region,
    credentials,
    ...(fromIdentityCenter ? {} : { profile: scope.profile }),
    maxAttempts: options.maxAttempts ?? 3,
    // The middleware stack is resolved once per command class instead of on every send (about a tenth of the SDK's
    // CPU per call in a profile of the key details). Safe here: the stack is only changed (call logging) before the
    // first request. A send with options (an abort signal) still resolves it, so those pass none when they can.
    cacheMiddleware: true,
    requestHandler: requestHandlerOptions(options.requestTimeoutMs),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
  };
}

/** No options object without a signal: a send with options bypasses the client's cached middleware (and clears it). */
export function sendOptions(signal: AbortSignal | undefined): { abortSignal: AbortSignal } | undefined {
  return signal ? { abortSignal: signal } : undefined;
}

export function createClients(scope: Scope, options: ClientOptions): AwsClients {
  const config = clientConfig(scope, options);
  const credentials = config.credentials;
  const secrets = new SecretsManagerClient(config);
  const kms = new KMSClient(config);
  const sts = new STSClient(config);
  const tagging = new ResourceGroupsTaggingAPIClient(config);
  addCallLogging(secrets.middlewareStack, 'secretsmanager', options.logger);
  addCallLogging(kms.middlewareStack, 'kms', options.logger);
  addCallLogging(sts.middlewareStack, 'sts', options.logger);
  addCallLogging(tagging.middlewareStack, 'tag', options.logger);
  // The endpoint too: two scopes of one profile and region differ only by it (the benchmark's twenty accounts).
  const lane = [scope.profile ?? '', scope.region, options.endpointUrl ?? ''].join('\u0000');
  const gated = <T extends Parameters<typeof gateClient>[0]>(client: T): T => {
    if (options.gate) gateClient(client, options.gate, lane);
    return client;
  };
  for (const client of [secrets, kms, sts, tagging]) gated(client);
  let iam: IAMClient | undefined;
  let caller: Promise<{ account?: string; arn?: string }> | undefined;
  const callerIdentity = () => {
    caller ??= sts.send(new GetCallerIdentityCommand({})).then(
      (r) => ({ account: r.Account, arn: r.Arn }),
      (error: unknown) => {
        caller = undefined;
        throw error;
      },
    );
    return caller;
  };
  return {
    secrets,
    kms,
    tagging,
    async checkCredentials() {
      await credentials();
    },
    async accountId() {
      return (await callerIdentity()).account;
    },
    caller: callerIdentity,
    iam() {
      if (!iam) {
        iam = gated(new IAMClient(config));
        addCallLogging(iam.middlewareStack, 'iam', options.logger);
      }
      return iam;
    },
    destroy() {
      secrets.destroy();
      kms.destroy();
      sts.destroy();
      tagging.destroy();
      iam?.destroy();
    },
  };
}
