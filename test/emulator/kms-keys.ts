import { accessDenied, AwsError } from './errors';
import type { OpContext } from './ops';
import { toEpochSeconds } from './state';
import type { KeyRecord } from './state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MRK = /^mrk-[0-9a-f]{32}$/i;
const ARN = /^arn:aws[a-z-]*:kms:([^:]*):([^:]*):(key|alias)\/(.+)$/;

type Where = Pick<OpContext, 'state' | 'regionName' | 'region' | 'principal'>;

export interface ResolveOptions {
  /** Only DescribeKey (and the crypto operations) take alias names and alias ARNs. */
  allowAlias: boolean;
  /** IAM action named in an AccessDenied answer, e.g. `kms:TagResource`. */
  action: string;
}

/** KeyId as key ID, key ARN and, where allowed, alias name or alias ARN, with KMS's recorded errors. */
export function resolveKey(ctx: Where, keyId: string, opts: ResolveOptions): KeyRecord {
  // Made only when needed: an Error captures a stack, which costs more than the lookup.
  const invalid = (): AwsError => new AwsError('NotFoundException', `Invalid keyId '${keyId}'`);
  let ref = keyId;
  if (keyId.startsWith('arn:')) {
    const m = ARN.exec(keyId);
    if (!m) throw new AwsError('InvalidArnException', `Invalid arn ${keyId}`);
    const [, region, account, type, rest] = m;
    // Keys of other accounts are not modelled; AWS most likely refuses them with AccessDenied (UNSETTLED).
    if (account !== ctx.state.accountId) throw accessDenied(ctx.principal, opts.action, keyId);
    if (region !== ctx.regionName) {
      throw new AwsError(
        'NotFoundException',
        type === 'alias' ? `Alias ${keyId} is not found.` : `Key '${keyId}' does not exist`,
      );
    }
    ref = type === 'alias' ? `alias/${rest}` : rest;
  }
  if (ref.startsWith('alias/')) {
    // Tag operations take key IDs and ARNs only; the exact message for an alias there is UNSETTLED.
    if (!opts.allowAlias) throw invalid();
    const alias = ctx.region.aliases.get(ref);
    const key = alias && ctx.region.keys.get(alias.targetKeyId);
    if (!key) throw new AwsError('NotFoundException', `Alias ${ctx.state.aliasArn(ctx.regionName, ref)} is not found.`);
    return key;
  }
  if (!UUID.test(ref) && !MRK.test(ref)) throw invalid();
  const key = ctx.region.keys.get(ref);
  if (!key) throw new AwsError('NotFoundException', `Key '${ctx.state.keyArn(ctx.regionName, ref)}' does not exist`);
  return key;
}

export function notPendingDeletion(k: KeyRecord): void {
  if (k.state === 'PendingDeletion') throw new AwsError('KMSInvalidStateException', `${k.arn} is pending deletion.`);
}

/** AWS managed keys belong to the service that created them; the error for changing them is UNSETTLED. */
export function customerManaged(ctx: Where, k: KeyRecord, action: string): void {
  if (k.manager === 'AWS') {
    throw accessDenied(ctx.principal, action, k.arn, `because no resource-based policy allows the ${action} action`);
  }
}

function algorithms(spec: string, usage: string): Record<string, string[]> {
  if (spec === 'SYMMETRIC_DEFAULT') return { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] };
  if (spec.startsWith('HMAC_')) return { MacAlgorithms: [`HMAC_SHA_${spec.slice(5)}`] };
  if (usage === 'KEY_AGREEMENT') return { KeyAgreementAlgorithms: ['ECDH'] };
  if (spec.startsWith('RSA_')) {
    return usage === 'SIGN_VERIFY'
      ? {
          SigningAlgorithms: [
            'RSASSA_PKCS1_V1_5_SHA_256',
            'RSASSA_PKCS1_V1_5_SHA_384',
            'RSASSA_PKCS1_V1_5_SHA_512',
            'RSASSA_PSS_SHA_256',
            'RSASSA_PSS_SHA_384',
            'RSASSA_PSS_SHA_512',
          ],
        }
      : { EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] };
  }
  const ecdsa: Record<string, string> = { ECC_NIST_P384: 'ECDSA_SHA_384', ECC_NIST_P521: 'ECDSA_SHA_512' };
  if (spec.startsWith('ECC_')) return { SigningAlgorithms: [ecdsa[spec] ?? 'ECDSA_SHA_256'] };
  if (spec.startsWith('ML_DSA_')) return { SigningAlgorithms: ['ML_DSA_SHAKE_256'] };
  return { SigningAlgorithms: ['SM2DSA'] };
}

/** DescribeKey's KeyMetadata: no tags and no aliases, as AWS answers. */
export function keyMetadata(ctx: Where, k: KeyRecord): Record<string, unknown> {
  return {
    AWSAccountId: ctx.state.accountId,
    KeyId: k.id,
    Arn: k.arn,
    CreationDate: toEpochSeconds(k.creationDate),
    Enabled: k.state === 'Enabled',
    Description: k.description,
    KeyUsage: k.keyUsage,
    KeyState: k.state,
    ...(k.deletionDate !== undefined ? { DeletionDate: toEpochSeconds(k.deletionDate) } : {}),
    Origin: k.origin,
    KeyManager: k.manager,
    CustomerMasterKeySpec: k.keySpec,
    KeySpec: k.keySpec,
    ...algorithms(k.keySpec, k.keyUsage),
    MultiRegion: k.multiRegion,
  };
}

export function defaultKeyPolicy(accountId: string, manager: 'AWS' | 'CUSTOMER', service = 'kms'): string {
  const statement =
    manager === 'CUSTOMER'
      ? [
          {
            Sid: 'Enable IAM User Permissions',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
        ]
      : [
          {
            Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': accountId } },
          },
          {
            Sid: 'Allow direct access to key metadata to the account',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${accountId}:root` },
            Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
            Resource: '*',
          },
        ];
  return JSON.stringify(
    { Version: '2012-10-17', Id: manager === 'CUSTOMER' ? 'key-default-1' : `auto-${service}-2`, Statement: statement },
    null,
    2,
  );
}
