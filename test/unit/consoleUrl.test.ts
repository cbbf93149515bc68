import * as assert from 'node:assert/strict';
import { consoleUrl, tagsAsJson } from '../../src/aws/consoleUrl';
import { kmsKey, secret } from './fixtures';

describe('console links and copies', () => {
  it('opens a secret on the Secrets Manager console of its region, its name encoded', () => {
    assert.equal(
      consoleUrl(
        secret({ name: 'prod/db+x', arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db+x-AbCdEf' }),
      ),
      'https://eu-west-1.console.aws.amazon.com/secretsmanager/secret?name=prod%2Fdb%2Bx&region=eu-west-1',
    );
  });

  it('opens customer and AWS managed keys on their own KMS console pages', () => {
    assert.equal(
      consoleUrl(kmsKey()),
      'https://us-east-1.console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
    assert.match(consoleUrl(kmsKey({ keyManager: 'AWS' })), /#\/kms\/defaultKeys\//);
  });

  it('uses the console of the partition the ARN names', () => {
    const china = kmsKey({ arn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
    assert.match(consoleUrl(china), /^https:\/\/cn-north-1\.console\.amazonaws\.cn\/kms\//);
    const gov = secret({ arn: 'arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:a-AbCdEf', name: 'a' });
    assert.match(consoleUrl(gov), /^https:\/\/us-gov-west-1\.console\.amazonaws-us-gov\.com\//);
  });

  it("refuses an ARN whose partition, region or account is not AWS's, and never opens a host outside the AWS console", () => {
    const key = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const hostile = [
      `arn:aws:kms:attacker.example#:123456789012:key/${key}`,
      `arn:aws:kms:attacker.example/:123456789012:key/${key}`,
      `arn:aws:kms:us-east-1.attacker.example:123456789012:key/${key}`,
      `arn:aws:kms:us-east-1@attacker.example:123456789012:key/${key}`,
      `arn:aws-evil:kms:us-east-1:123456789012:key/${key}`,
      `arn:aws:kms:us-east-1:12345678901x:key/${key}`,
      `arn:aws:kms::123456789012:key/${key}`,
      'not an arn',
    ];
    for (const arn of hostile) {
      assert.throws(() => consoleUrl(kmsKey({ arn })), /not an AWS ARN/, arn);
      assert.throws(() => consoleUrl(secret({ arn })), /not an AWS ARN/, arn);
    }
    const consoleHost = /^[a-z]{2}(-[a-z]+)+-\d+\.console\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)$/;
    for (const arn of [kmsKey().arn, secret().arn])
      assert.match(new URL(consoleUrl(kmsKey({ arn }))).hostname, consoleHost);
  });

  it('copies tags as one JSON object, empty values kept', () => {
    assert.deepEqual(
      JSON.parse(
        tagsAsJson(
          secret({
            tags: [
              { key: 'A', value: '' },
              { key: 'b"c', value: '<x>' },
            ],
          }),
        ),
      ),
      { A: '', 'b"c': '<x>' },
    );
  });
});
