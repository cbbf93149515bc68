import * as assert from 'node:assert/strict';
import { presentResource, presentTag, printable, pickerText } from '../../src/tree/presentation';
import { kmsKey, secret } from './fixtures';

describe('presentation of nodes', () => {
  it('shows a secret by name with its tag count, and never anything but metadata in the tooltip', () => {
    const view = presentResource(
      secret({ description: 'Main database', lastChangedDate: new Date('2026-01-02T03:04:05Z') }),
    );
    assert.equal(view.label, 'prod/db');
    assert.equal(view.description, '2 tags');
    assert.match(view.tooltip, /arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/db-AbCdEf/);
    assert.match(view.tooltip, /Description: Main database/);
    assert.match(view.tooltip, /Last changed: 2026-01-02T03:04:05.000Z/);
    assert.equal(view.contextValue, 'secret');
  });

  it('marks a secret scheduled for deletion, and makes its tags read-only with the reason', () => {
    const deleted = secret({ deletedDate: new Date('2026-02-01T00:00:00Z') });
    assert.match(presentResource(deleted).description ?? '', /scheduled for deletion/);
    assert.equal(presentResource(deleted).contextValue, 'secret;readonly;pendingDeletion');
    const tag = presentTag(deleted, { key: 'Team', value: 'payments' });
    assert.equal(tag.contextValue, 'tag;readonly');
    assert.match(tag.tooltip, /Read-only: The secret is scheduled for deletion/);
  });

  it('makes the tags of a secret owned by another service read-only', () => {
    const owned = secret({ owningService: 'rds' });
    assert.equal(presentTag(owned, { key: 'Team', value: 'x' }).contextValue, 'tag;readonly');
    assert.match(presentResource(owned).description ?? '', /managed by rds/);
  });

  it('marks a replica secret and makes its tags read-only, naming the primary; the primary stays changeable', () => {
    const replica = secret({
      region: 'eu-west-1',
      arn: secret().arn.replace('us-east-1', 'eu-west-1'),
      primaryRegion: 'us-east-1',
    });
    assert.equal(presentTag(replica, { key: 'Team', value: 'x' }).contextValue, 'tag;readonly');
    assert.match(
      presentTag(replica, { key: 'Team', value: 'x' }).tooltip,
      /Replica of "prod\/db" in us-east-1: change the primary/,
    );
    assert.match(presentResource(replica).description ?? '', /replica of us-east-1/);
    const primary = secret({ primaryRegion: 'us-east-1', replicaRegions: ['eu-west-1'] });
    assert.equal(presentTag(primary, { key: 'Team', value: 'x' }).contextValue, 'tag');
  });

  it('labels a key by its first alias without the prefix, else by its key ID', () => {
    assert.equal(presentResource(kmsKey()).label, 'payments-data');
    const bare = kmsKey({ aliases: [], name: '1234abcd-12ab-34cd-56ef-1234567890ab' });
    assert.equal(presentResource(bare).label, '1234abcd-12ab-34cd-56ef-1234567890ab');
  });

  it('shows a short key ID, and the state only when the key is not Enabled', () => {
    assert.equal(presentResource(kmsKey()).description, '1234abcd');
    assert.equal(presentResource(kmsKey({ keyState: 'Disabled' })).description, '1234abcd · Disabled');
    const pending = presentResource(kmsKey({ keyState: 'PendingDeletion' }));
    assert.equal(pending.description, '1234abcd · pending deletion');
    assert.equal(pending.contextValue, 'kmsKey;readonly;pendingDeletion');
  });

  it('puts ARN, state, key spec and aliases in a key tooltip', () => {
    const tooltip = presentResource(kmsKey({ keySpec: 'SYMMETRIC_DEFAULT', description: 'Card data' })).tooltip;
    for (const part of [
      'arn:aws:kms:us-east-1:123456789012:key/',
      'State: Enabled',
      'Key spec: SYMMETRIC_DEFAULT',
      'Aliases: alias/payments-data',
      'Description: Card data',
    ]) {
      assert.ok(tooltip.includes(part), `missing ${part}`);
    }
  });

  it('makes every tag of an AWS managed key read-only', () => {
    const managed = kmsKey({ keyManager: 'AWS', aliases: ['alias/aws/s3'] });
    assert.equal(presentResource(managed).contextValue, 'kmsKey;readonly;awsManaged');
    assert.equal(presentTag(managed, { key: 'Team', value: 'x' }).contextValue, 'tag;readonly');
  });

  it('makes aws: system tags read-only in any case, and leaves user tags removable', () => {
    assert.equal(
      presentTag(secret(), { key: 'aws:cloudformation:stack-name', value: 's' }).contextValue,
      'tag;readonly',
    );
    assert.equal(presentTag(secret(), { key: 'AWS:Thing', value: 's' }).contextValue, 'tag;readonly');
    assert.equal(presentTag(secret(), { key: 'awsome', value: 's' }).contextValue, 'tag');
  });

  it('shows an empty value as such, not as a missing tag', () => {
    const view = presentTag(secret(), { key: 'Owner', value: '' });
    assert.equal(view.label, 'Owner');
    assert.equal(view.description, '(empty value)');
  });

  it('gives screen readers the kind of node and what its icon and marks show', () => {
    assert.equal(presentResource(secret()).ariaLabel, 'Secret prod/db, 2 tags');
    assert.equal(
      presentResource(kmsKey({ keyManager: 'AWS', aliases: ['alias/aws/s3'], keyState: 'PendingDeletion' })).ariaLabel,
      'KMS key payments-data, 1234abcd, pending deletion, AWS managed, read-only',
    );
    assert.equal(
      presentTag(kmsKey(), { key: 'Team', value: 'web' }, true).ariaLabel,
      'Tag Team, value web, used by the key policy',
    );
    assert.equal(
      presentTag(secret(), { key: 'aws:cloudformation:stack-name', value: '' }).ariaLabel,
      'Tag aws:cloudformation:stack-name, value (empty value), read-only',
    );
  });

  it('shows newlines and ANSI escapes literally instead of acting on them', () => {
    assert.equal(printable('a\nb\u001b[31mred'), 'a\\nb\\u001b[31mred');
    const view = presentTag(secret(), { key: 'k', value: 'line1\nline2' });
    assert.equal(view.description, 'line1\\nline2');
  });

  it('keeps icon syntax in quick pick labels from turning into icons', () => {
    assert.notEqual(pickerText('$(alert) boom'), '$(alert) boom');
    assert.ok(pickerText('$(alert) boom').includes('alert) boom'));
  });
});
