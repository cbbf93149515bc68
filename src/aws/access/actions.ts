// The actions whose access a tag change can move: reading and changing a secret or using and managing a key, and
// the tagging calls themselves (a tag-based policy may guard who can retag).

export const SECRET_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecret',
  'secretsmanager:DeleteSecret',
  'secretsmanager:TagResource',
  'secretsmanager:UntagResource',
  'secretsmanager:RotateSecret',
  'secretsmanager:RestoreSecret',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:PutResourcePolicy',
] as const;

export const KMS_ACTIONS = [
  'kms:Decrypt',
  'kms:Encrypt',
  // The GenerateDataKey* family: policies often grant it with that wildcard, and each member is its own action.
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:GenerateDataKeyPair',
  'kms:GenerateDataKeyPairWithoutPlaintext',
  // Asymmetric signing keys and HMAC keys: their use is these, not Decrypt.
  'kms:Sign',
  'kms:Verify',
  'kms:GetPublicKey',
  'kms:GenerateMac',
  'kms:VerifyMac',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
  'kms:DescribeKey',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:ScheduleKeyDeletion',
  // Who can hand out access or change it: a grant, the key policy, the key's state.
  'kms:CreateGrant',
  'kms:PutKeyPolicy',
  'kms:DisableKey',
] as const;

export type SecretAction = (typeof SECRET_ACTIONS)[number];
export type KmsAction = (typeof KMS_ACTIONS)[number];

export function actionsFor(service: 'secretsmanager' | 'kms'): readonly string[] {
  return service === 'kms' ? KMS_ACTIONS : SECRET_ACTIONS;
}
