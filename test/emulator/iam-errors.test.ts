import * as assert from 'node:assert/strict';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetAccountAuthorizationDetailsCommand,
  GetRoleCommand,
  InvalidInputException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  ServiceFailureException,
} from '@aws-sdk/client-iam';
import type { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startEmulator } from './index';
import type { Emulator } from './index';
import { iamClient } from './helpers';
import { IAM_SEED } from './test-seeds';

const LIMITED = { accessKeyId: 'AKIAEMULATORLIMITED1', secretAccessKey: 'limited/secret' };
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** The exception an SDK call was rejected with. */
async function rejection(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

describe('emulator: IAM errors, access, routing and faults', function () {
  let emu: Emulator;
  let iam: IAMClient;
  before(async () => {
    emu = await startEmulator({
      seed: IAM_SEED,
      quiet: true,
      credentials: [
        { accessKeyId: 'AKIAEMULATORTESTKEY1', secretAccessKey: 'emulator/test/secret/access/key/000000000000' },
        { ...LIMITED, arn: 'arn:aws:iam::123456789012:role/limited' },
      ],
    });
    iam = iamClient(emu);
  });
  beforeEach(() => emu.reset());
  after(async () => {
    iam.destroy();
    await emu.stop();
  });

  it("answers IAM's errors as the SDK's typed exceptions with IAM's HTTP statuses", async () => {
    const missing = await rejection(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'ghost', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })),
    );
    assert.ok(missing instanceof NoSuchEntityException);
    assert.deepEqual(
      [missing.$metadata.httpStatusCode, missing.message],
      [404, 'The role with name ghost cannot be found.'],
    );
    const noPolicy = await rejection(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'arn:aws:iam::123456789012:policy/none' })),
    );
    assert.ok(noPolicy instanceof NoSuchEntityException);
    assert.match(noPolicy.message, /does not exist or is not attachable/);
    const badArn = await rejection(iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: 'ReadOnly' })));
    assert.ok(badArn instanceof InvalidInputException);
    assert.equal(badArn.$metadata.httpStatusCode, 400);
    // IAM names are unique regardless of case.
    const taken = await rejection(
      iam.send(new CreateRoleCommand({ RoleName: 'APP', AssumeRolePolicyDocument: TRUST })),
    );
    assert.ok(taken instanceof EntityAlreadyExistsException);
    assert.deepEqual([taken.$metadata.httpStatusCode, taken.message], [409, 'Role with name APP already exists.']);
    const notJson = await rejection(
      iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'x', PolicyDocument: '{"Statement": [' })),
    );
    assert.ok(notJson instanceof MalformedPolicyDocumentException);
    assert.equal(notJson.$metadata.httpStatusCode, 400);
    const noStatement = await rejection(
      iam.send(new CreatePolicyCommand({ PolicyName: 'empty', PolicyDocument: '{"Version": "2012-10-17"}' })),
    );
    assert.ok(noStatement instanceof MalformedPolicyDocumentException);
    const withPrincipal = await rejection(
      iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'x', PolicyDocument: TRUST })),
    );
    assert.equal(withPrincipal.message, 'Policy document should not specify a principal.');
    const badName = await rejection(
      iam.send(new CreateRoleCommand({ RoleName: 'a b', AssumeRolePolicyDocument: TRUST })),
    );
    assert.deepEqual([badName.name, badName.$metadata.httpStatusCode], ['ValidationError', 400]);
    assert.equal(emu.calls({ outcome: 'NoSuchEntity' })[0].status, 404);
  });

  it('denies iam:GetAccountAuthorizationDetails to one credential with AccessDenied (403), the others unaffected', async () => {
    const limited = iamClient(emu, { credentials: LIMITED });
    try {
      emu.allowOnlyActions(['secretsmanager:*', 'kms:*', 'iam:Get*'], LIMITED.accessKeyId);
      assert.ok((await limited.send(new GetRoleCommand({ RoleName: 'app' }))).Role);
      assert.ok((await limited.send(new GetAccountAuthorizationDetailsCommand({}))).RoleDetailList?.length);
      emu.allowOnlyActions(['secretsmanager:*', 'kms:*'], LIMITED.accessKeyId);
      const denied = await rejection(limited.send(new GetAccountAuthorizationDetailsCommand({})));
      assert.equal(denied.name, 'AccessDenied');
      assert.equal(denied.$metadata.httpStatusCode, 403);
      assert.equal(
        denied.message,
        'User: arn:aws:iam::123456789012:role/limited is not authorized to perform: ' +
          'iam:GetAccountAuthorizationDetails on resource: * because no identity-based policy allows the ' +
          'iam:GetAccountAuthorizationDetails action',
      );
      assert.ok((await iam.send(new GetAccountAuthorizationDetailsCommand({}))).RoleDetailList?.length);
      assert.deepEqual(
        emu.calls({ operation: 'GetAccountAuthorizationDetails' }).map((c) => [c.accessKeyId, c.outcome, c.status]),
        [
          [LIMITED.accessKeyId, 'ok', 200],
          [LIMITED.accessKeyId, 'AccessDenied', 403],
          ['AKIAEMULATORTESTKEY1', 'ok', 200],
        ],
      );
      // The account-wide list denies everyone alike.
      emu.allowOnlyActions(null, LIMITED.accessKeyId);
      emu.allowOnlyActions(['secretsmanager:List*']);
      assert.equal((await rejection(iam.send(new GetAccountAuthorizationDetailsCommand({})))).name, 'AccessDenied');
    } finally {
      limited.destroy();
    }
  });

  it('tells IAM from STS by the signing service: GetCallerIdentity still answers', async () => {
    const sts = new STSClient({ ...emu.clientConfig('us-east-1'), maxAttempts: 1 });
    try {
      const me = await sts.send(new GetCallerIdentityCommand({}));
      assert.deepEqual([me.Account, me.Arn], ['123456789012', 'arn:aws:iam::123456789012:user/emulator-test']);
    } finally {
      sts.destroy();
    }
    assert.ok((await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role);
    assert.deepEqual(
      emu.calls().map((c) => [c.op, c.region]),
      [
        ['sts.GetCallerIdentity', 'us-east-1'],
        ['iam.GetRole', 'us-east-1'],
      ],
    );
    const wrongKey = iamClient(emu, { credentials: { ...LIMITED, secretAccessKey: 'wrong' } });
    try {
      const e = await rejection(wrongKey.send(new GetRoleCommand({ RoleName: 'app' })));
      assert.deepEqual([e.name, e.$metadata.httpStatusCode], ['SignatureDoesNotMatch', 403]);
    } finally {
      wrongKey.destroy();
    }
  });

  it('applies faults, and logs IAM calls with the role they name and the tag keys they set', async () => {
    emu.addFault({ service: 'iam', operation: 'GetAccountAuthorizationDetails', times: 1 });
    const failed = await rejection(iam.send(new GetAccountAuthorizationDetailsCommand({})));
    assert.ok(failed instanceof ServiceFailureException);
    assert.equal(failed.$metadata.httpStatusCode, 500);
    emu.addFault({ operation: 'iam.CreateRole', when: 'after', error: 'ServiceFailure', times: 1 });
    const tags = [{ Key: 'Team', Value: 'payments' }];
    await rejection(iam.send(new CreateRoleCommand({ RoleName: 'lost', AssumeRolePolicyDocument: TRUST, Tags: tags })));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'lost' }))).Role?.RoleName, 'lost', 'applied anyway');
    const [created] = emu.calls({ op: 'iam.CreateRole' });
    assert.deepEqual(
      [created.resource, created.tagKeys, created.appliedThenLost, created.status],
      ['lost', ['Team'], true, 500],
    );
  });
});
