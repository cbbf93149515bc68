import type { KmsKeyResource, SecretResource } from '../../src/aws/types';

export function secret(overrides: Partial<SecretResource> = {}): SecretResource {
  return {
    kind: 'secret',
    arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
    name: 'prod/db',
    region: 'us-east-1',
    tags: [
      { key: 'Environment', value: 'prod' },
      { key: 'Team', value: 'payments' },
    ],
    ...overrides,
  };
}

export function kmsKey(overrides: Partial<KmsKeyResource> = {}): KmsKeyResource {
  return {
    kind: 'kmsKey',
    arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    name: 'payments-data',
    region: 'us-east-1',
    aliases: ['alias/payments-data'],
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    tags: [{ key: 'CostCenter', value: '42' }],
    ...overrides,
  };
}
