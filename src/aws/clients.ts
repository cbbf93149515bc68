import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { addCallLogging } from './callLog';
import type { Logger, Scope } from './types';

export interface ClientOptions {
  /** Overrides the endpoint of both services; otherwise the SDK honours AWS_ENDPOINT_URL* and the profile's endpoint_url. */
  readonly endpointUrl?: string;
  readonly logger: Logger;
  /** A hung request must end in a message, not a progress notification that never closes. */
  readonly requestTimeoutMs?: number;
  readonly maxAttempts?: number;
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

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** What every client of a profile and region is made with: its credentials, timeouts, retries and endpoint. */
export function clientConfig(scope: Scope, options: Omit<ClientOptions, 'logger'>) {
  // One credential provider shared by the clients made from this config, so an SSO token or assumed role is fetched
  // once. ignoreCache: a profile edited or a login renewed since the last read must count on the next Refresh.
  const credentials = fromNodeProviderChain({
    ...(scope.profile ? { profile: scope.profile } : {}),
    ignoreCache: true,
  });
  return {
    region: scope.region,
    credentials,
    profile: scope.profile,
    maxAttempts: options.maxAttempts ?? 3,
    // The middleware stack is resolved once per command class instead of on every send (about a tenth of the SDK's
    // CPU per call in a profile of the key details). Safe here: the stack is only changed (call logging) before the
    // first request. A send with options (an abort signal) still resolves it, so those pass none when they can.
    cacheMiddleware: true,
    // Without throwOnRequestTimeout the handler only warns, and a hung request never ends.
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
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
        iam = new IAMClient(config);
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
