import type { Seed } from '../../emulator/types';

export const KEY_APP = 'aaaaaaaa-1111-4111-8111-111111111111';
export const KEY_MANAGED = 'bbbbbbbb-2222-4222-8222-222222222222';
export const KEY_PENDING = 'cccccccc-3333-4333-8333-333333333333';

export function suiteSeed(): Seed {
  return {
    regions: {
      'us-east-1': {
        secrets: [
          { name: 'prod/db', tags: { Environment: 'prod', Team: 'payments', Owner: '' } },
          {
            name: 'staging/api',
            tags: { Environment: 'staging', Team: 'web', 'aws:cloudformation:stack-name': 'api' },
          },
          { name: 'doomed', tags: { Team: 'x' }, deleted: true },
        ],
        keys: [
          { id: KEY_APP, aliases: ['alias/app-data'], tags: { CostCenter: '42', Team: 'payments' } },
          { id: KEY_MANAGED, aliases: ['alias/aws/s3'], manager: 'AWS', tags: { Managed: 'yes' } },
          { id: KEY_PENDING, aliases: ['alias/old'], tags: { Team: 'legacy' }, state: 'PendingDeletion' },
        ],
      },
    },
  };
}
