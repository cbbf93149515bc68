// A few AWS managed policies, enough for roles that rely on one. Their documents are shortened from AWS's: the
// statements that matter for Secrets Manager and KMS are kept, and the version numbers are illustrative.
import { createHash } from 'node:crypto';

export interface ManagedPolicy {
  name: string;
  id: string;
  arn: string;
  path: string;
  description?: string;
  /** The default version's document, as JSON text. */
  document: string;
  versionId: string;
  createdMs: number;
  updatedMs: number;
  awsManaged: boolean;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A unique ID as IAM shapes them: a four-letter kind (AIDA, AGPA, AROA, ANPA) and 17 characters, stable per input. */
export function iamId(prefix: string, from: string): string {
  const hash = createHash('sha256').update(from).digest();
  let id = prefix;
  for (let i = 0; i < 17; i++) id += BASE32[hash[i] % BASE32.length];
  return id;
}

const doc = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 4);

function awsPolicy(name: string, description: string, versionId: string, created: string, statements: object[]) {
  const createdMs = Date.parse(created);
  return {
    name,
    id: iamId('ANPA', `aws/${name}`),
    arn: `arn:aws:iam::aws:policy/${name}`,
    path: '/',
    description,
    document: doc(statements),
    versionId,
    createdMs,
    updatedMs: createdMs,
    awsManaged: true,
  };
}

export const AWS_MANAGED_POLICIES: readonly ManagedPolicy[] = [
  awsPolicy(
    'AdministratorAccess',
    'Provides full access to AWS services and resources.',
    'v1',
    '2015-02-06T18:39:46Z',
    [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  ),
  awsPolicy(
    'ReadOnlyAccess',
    'Provides read-only access to AWS services and resources.',
    'v120',
    '2015-02-06T18:39:48Z',
    [
      {
        Sid: 'ReadOnlyActions',
        Effect: 'Allow',
        Action: [
          'cloudwatch:Describe*',
          'cloudwatch:Get*',
          'cloudwatch:List*',
          'ec2:Describe*',
          'iam:Get*',
          'iam:List*',
          'kms:Describe*',
          'kms:Get*',
          'kms:List*',
          's3:Get*',
          's3:List*',
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetResourcePolicy',
          'secretsmanager:ListSecretVersionIds',
          'secretsmanager:ListSecrets',
          'tag:Get*',
        ],
        Resource: '*',
      },
    ],
  ),
  awsPolicy(
    'SecretsManagerReadWrite',
    'Provides read/write access to AWS Secrets Manager via the AWS Management Console.',
    'v5',
    '2018-04-04T18:05:29Z',
    [
      {
        Sid: 'BasePermissions',
        Effect: 'Allow',
        Action: [
          'secretsmanager:*',
          'cloudformation:CreateChangeSet',
          'cloudformation:DescribeChangeSet',
          'cloudformation:DescribeStacks',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
          'kms:DescribeKey',
          'kms:ListAliases',
          'kms:ListKeys',
          'lambda:ListFunctions',
          'rds:DescribeDBClusters',
          'rds:DescribeDBInstances',
          'tag:GetResources',
        ],
        Resource: '*',
      },
      {
        Sid: 'LambdaPermissions',
        Effect: 'Allow',
        Action: ['lambda:AddPermission', 'lambda:CreateFunction', 'lambda:GetFunction', 'lambda:InvokeFunction'],
        Resource: 'arn:aws:lambda:*:*:function:SecretsManager*',
      },
    ],
  ),
];
