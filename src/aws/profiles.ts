import { CONFIG_PREFIX_SEPARATOR, loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

export interface ProfileInfo {
  readonly name: string;
  readonly region?: string;
  /** What kind of credentials the profile holds, for the picker's description. */
  readonly source: string;
}

/** Profiles from `~/.aws/config` and `~/.aws/credentials` (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). */
export async function listProfiles(): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The loader also returns `[sso-session NAME]` and `[services NAME]` sections, keyed with a prefix: not profiles.
  const notProfiles = ['sso-session', 'services'].map((type) => `${type}${CONFIG_PREFIX_SEPARATOR}`);
  const profileKeys = Object.keys(configFile).filter((key) => !notProfiles.some((prefix) => key.startsWith(prefix)));
  const names = new Set([...profileKeys, ...Object.keys(credentialsFile)]);
  return [...names].sort().map((name) => {
    const config = { ...credentialsFile[name], ...configFile[name] };
    return { name, region: config.region, source: credentialSource(config) };
  });
}

function credentialSource(config: Record<string, string | undefined>): string {
  if (config.sso_session || config.sso_start_url) return 'SSO';
  if (config.role_arn) return 'assume role';
  if (config.credential_process) return 'credential process';
  if (config.aws_access_key_id) return 'access key';
  return 'config';
}

/**
 * The region to use: the explicit setting, else the profile's region, else AWS_REGION / AWS_DEFAULT_REGION.
 * The SDK itself never reads AWS_DEFAULT_REGION, but the AWS CLI does, and users expect both to work.
 */
export async function resolveRegion(
  setting: string | undefined,
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  if (setting) return setting;
  const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const profileName = profile ?? env.AWS_PROFILE ?? 'default';
  return configFile[profileName]?.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? undefined;
}
