// Small seeds with known contents for the conformance suites.
import type { Seed } from './types';

export const SECRETS_SEED: Seed = {
  regions: {
    'us-east-1': {
      secrets: [
        {
          name: 'prod/payments/db',
          description: 'Payments DB',
          tags: { Environment: 'prod', Team: 'payments', Owner: '' },
          createdDaysAgo: 9,
        },
        { name: 'prod/search/api-key', tags: { Environment: 'prod', Team: 'search' }, createdDaysAgo: 8 },
        { name: 'staging/api/stripe-key', tags: { Environment: 'staging' }, createdDaysAgo: 7 },
        { name: 'never-tagged', createdDaysAgo: 6 },
        { name: 'all-removed', tags: [], createdDaysAgo: 5 },
        { name: 'a+b=c@d.e', tags: { 'aws:cloudformation:stack-name': 'stack', Team: 'x' }, createdDaysAgo: 4 },
        { name: 'doomed', tags: { Team: 'old' }, deleted: true, createdDaysAgo: 3 },
        { name: 'rds!db-1', tags: { Team: 'db' }, owningService: 'rds', createdDaysAgo: 2 },
      ],
    },
    'eu-west-1': { secrets: [{ name: 'eu-only', tags: { Region: 'eu' } }] },
  },
};

export const KEY_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const KEY_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const KEY_PENDING = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
export const KEY_DISABLED = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
export const KEY_AWS = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
export const arnOf = (id: string): string => `arn:aws:kms:us-east-1:123456789012:key/${id}`;

export const KMS_SEED: Seed = {
  regions: {
    'us-east-1': {
      keys: [
        {
          id: KEY_A,
          description: 'Card data',
          aliases: ['alias/payments-data'],
          tags: { Team: 'payments', CostCenter: '42' },
        },
        { id: KEY_B, description: 'No alias, no tags' },
        {
          id: KEY_PENDING,
          aliases: ['alias/retired'],
          tags: { Team: 'legacy' },
          state: 'PendingDeletion',
          pendingWindowInDays: 7,
        },
        { id: KEY_DISABLED, aliases: ['alias/old'], tags: { Team: 'search' }, state: 'Disabled' },
        { id: KEY_AWS, manager: 'AWS', aliases: ['alias/aws/secretsmanager'] },
      ],
    },
  },
};

const doc = (...Statement: object[]): object => ({ Version: '2012-10-17', Statement });
export const READ_PAYMENTS = doc({
  Effect: 'Allow',
  Action: 'secretsmanager:GetSecretValue',
  Resource: '*',
  Condition: { StringEquals: { 'secretsmanager:ResourceTag/Team': 'payments' } },
});

/** Three users, two groups, three roles and two customer managed policies; AWS managed ones attached to two. */
export const IAM_SEED: Seed = {
  regions: {},
  iam: {
    policies: [
      { name: 'read-payments', document: READ_PAYMENTS },
      {
        name: 'boundary',
        path: '/boundaries/',
        document: doc({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }),
      },
    ],
    groups: [{ name: 'admins', attachedPolicies: ['AdministratorAccess'] }, { name: 'readers' }],
    users: [
      { name: 'ana', groups: ['admins'], tags: { Team: 'platform' } },
      { name: 'ben', groups: ['readers'], permissionsBoundary: 'boundary' },
      { name: 'cy' },
    ],
    roles: [
      { name: 'app', tags: { Team: 'payments' }, attachedPolicies: ['read-payments'] },
      { name: 'auditor', attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
      {
        name: 'ci',
        path: '/ci/',
        inlinePolicies: { write: doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }) },
      },
    ],
  },
};

/** Three accounts assigned to the portal's user: one with two roles, two with one. */
export const SSO_ACCOUNTS: NonNullable<Seed['sso']>['accounts'] = [
  {
    accountId: '111111111111',
    accountName: 'prod',
    emailAddress: 'aws-prod@example.com',
    roles: ['Admin', 'ReadOnly'],
  },
  { accountId: '222222222222', accountName: 'dev', roles: ['Developer'] },
  { accountId: '123456789012', accountName: 'tools', emailAddress: 'aws-tools@example.com', roles: ['ReadOnly'] },
];
