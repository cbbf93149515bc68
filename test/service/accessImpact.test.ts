// Access impact through the emulator: IAM's principals read with the extension's own client (paged, URL-encoded
// documents), evaluated against a secret's tags before and after, and the caller found among them.
import * as assert from 'node:assert/strict';
import { AccessService } from '../../src/aws/access/accessService';
import { loadAccountPrincipals } from '../../src/aws/access/accountPrincipals';
import { changeImpact } from '../../src/aws/access/changeImpact';
import type { AwsResource } from '../../src/aws/types';
import { DESCRIBE_ALL, PAYMENTS_ABAC } from '../fixtures/access/documents';
import { DEFAULT_CREDENTIAL, type Seed } from '../emulator/types';
import { REGION, startHarness, stopHarness, type Harness } from './harness';

const ACCOUNT = '123456789012';

function seed(extraRoles: number): Seed {
  return {
    regions: { [REGION]: { secrets: [{ name: 'prod/payments', tags: { Team: 'payments', Env: 'prod' } }], keys: [] } },
    iam: {
      roles: [
        { name: 'payments-app', inlinePolicies: { 'payments-PAYMENTS_ABAC': PAYMENTS_ABAC } },
        { name: 'auditor', inlinePolicies: { 'read-only': DESCRIBE_ALL } },
        ...Array.from({ length: extraRoles }, (_, i) => ({
          name: `filler-${String(i).padStart(3, '0')}`,
          inlinePolicies: { 'read-only': DESCRIBE_ALL },
        })),
      ],
    },
  };
}

describe('service layer against the emulator: access impact', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await startHarness(seed(230));
  });
  after(() => stopHarness(h));

  async function secret(): Promise<AwsResource> {
    const store = h.newStore();
    await store.loadSecrets().done;
    return [...store.secrets.items.values()][0];
  }

  it('reads every principal across pages and names the role that loses GetSecretValue when Team goes', async () => {
    const pages: number[] = [];
    const principals = await loadAccountPrincipals(h.clients.iam(), (n) => pages.push(n), 100);
    assert.equal(principals.roles, 232);
    assert.ok(pages.length >= 3, `IAM's default page is 100 items: ${pages.length} pages`);
    assert.deepEqual(principals.warnings, []);
    const resource = await secret();
    const before = resource.tags ?? [];
    const impact = changeImpact(principals, [
      { resource, before, after: before.filter((t) => t.key !== 'Team'), policy: undefined },
    ]);
    const changed = impact.resources[0].principals;
    assert.deepEqual(
      changed.map((p) => [p.principal.name, p.loses.map((l) => l.action), p.loses[0]?.via.map((v) => v.policy)]),
      [['payments-app', ['secretsmanager:GetSecretValue'], ['payments-PAYMENTS_ABAC']]],
    );
    assert.equal(
      h.emulator.calls().filter((c) => c.operation === 'GetAccountAuthorizationDetails').length,
      pages.length,
    );
  });

  it('without iam:GetAccountAuthorizationDetails the read fails with AccessDenied, and nothing else changes', async () => {
    h.emulator.allowOnlyActions(['secretsmanager:*', 'kms:*'], DEFAULT_CREDENTIAL.accessKeyId);
    try {
      const error = await new AccessService(h.clients).principals().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      assert.equal(error?.name, 'AccessDenied');
      assert.equal((await secret()).tags?.find((t) => t.key === 'Team')?.value, 'payments');
    } finally {
      h.emulator.allowOnlyActions(null, DEFAULT_CREDENTIAL.accessKeyId);
    }
  });

  it('the caller is who STS says', async () => {
    const caller = await new AccessService(h.clients).caller();
    assert.equal(caller.account, ACCOUNT);
    assert.match(caller.arn ?? '', /^arn:aws:iam::123456789012:/);
  });
});
