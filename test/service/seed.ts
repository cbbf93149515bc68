import type { Seed } from '../emulator/types';

export const KEY_PAYMENTS = '11111111-1111-4111-8111-111111111111';
export const KEY_PENDING = '22222222-2222-4222-8222-222222222222';
export const KEY_MANAGED = '33333333-3333-4333-8333-333333333333';
export const KEY_BARE = '44444444-4444-4444-8444-444444444444';

/** 250 generated secrets (three ListSecrets pages) around a few with known tags and states. */
export function serviceSeed(): Seed {
  const generated = Array.from({ length: 246 }, (_, i) => ({
    name: `app/service-${String(i).padStart(3, '0')}`,
    tags: { Team: `team-${i % 7}`, Environment: i % 2 ? 'prod' : 'dev' },
  }));
  return {
    regions: {
      'us-east-1': {
        secrets: [
          { name: 'prod/db', description: 'Main database', tags: { Environment: 'prod', Team: 'payments', Owner: '' } },
          { name: 'never-tagged' },
          { name: 'doomed', tags: { Team: 'x' }, deleted: true },
          { name: 'rds!cluster-1', tags: { Team: 'db' }, owningService: 'rds' },
          ...generated,
        ],
        keys: [
          {
            id: KEY_PAYMENTS,
            aliases: ['alias/payments-data'],
            tags: { CostCenter: '42', Team: 'payments' },
            description: 'Card data',
          },
          { id: KEY_PENDING, aliases: ['alias/old'], tags: { Team: 'legacy' }, state: 'PendingDeletion' },
          { id: KEY_MANAGED, aliases: ['alias/aws/s3'], manager: 'AWS', tags: { Managed: 'yes' } },
          { id: KEY_BARE, tags: {} },
        ],
      },
    },
  };
}
