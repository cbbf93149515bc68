// When AWS refuses a removal, the user reads why (naming the IAM action to ask for) and the tree keeps the tag:
// it shows what AWS holds, not what was attempted.
import assert from 'node:assert/strict';
import { screenshot } from '../browser.mjs';
import { pressDialogButton, waitForNotification } from '../prompts.mjs';
import { chooseMenuItem, openContextMenu } from '../tree.mjs';
import {
  emulatorTags,
  eventually,
  showTags,
  tagRow,
  treeTagsBecome,
  untagCalls,
  type ResourceKind,
  type Tags,
} from './steps.mjs';
import { useWorkbench } from './workbench.mjs';

interface RefusedRemoval {
  kind: ResourceKind;
  /** The service's name in IAM actions, e.g. `secretsmanager:UntagResource`. */
  service: string;
  group: string;
  label: string;
  id: string;
  tag: string;
  tags: Tags;
}

const CASES: RefusedRemoval[] = [
  {
    kind: 'secret',
    service: 'secretsmanager',
    group: 'Secrets Manager',
    label: 'staging/api/stripe-key',
    id: 'staging/api/stripe-key',
    tag: 'Owner',
    tags: { Environment: 'staging', Team: 'payments', Owner: 'ben.okafor@example.com', Vendor: 'Stripe' },
  },
  {
    kind: 'key',
    service: 'kms',
    group: 'KMS Keys',
    label: 'identity-tokens',
    id: 'alias/identity-tokens',
    tag: 'Compliance',
    tags: { Team: 'identity', Environment: 'prod', Compliance: 'SOC2' },
  },
];

describe('Remove Tag refused by AWS', function () {
  const workbench = useWorkbench();

  for (const c of CASES) {
    it(`shows an AccessDenied error for a ${c.kind === 'secret' ? 'secret' : 'KMS key'} and keeps the tag`, async function () {
      const { page, emulator } = workbench;
      await emulator.admin('faults', {
        method: 'POST',
        body: { service: c.service, operation: 'UntagResource', error: 'AccessDeniedException' },
      });
      await showTags(page, c.group, c.label);

      await tagRow(page, c.label, c.tag);
      await openContextMenu(page, c.tag);
      await chooseMenuItem(page, 'Remove Tag');
      await pressDialogButton(page, 'Remove');

      const notification = await waitForNotification(page, `${c.service}:UntagResource`);
      assert.match(await notification.innerText(), /Access denied/);
      assert.equal(await notification.locator('.codicon-error').count(), 1, 'shown as an error');
      // The call was made and refused: the tag stays because AWS kept it, not because nothing was tried.
      const calls = await eventually(
        () => untagCalls(emulator),
        (list) => list.length > 0,
        { what: 'the UntagResource call' },
      );
      assert.deepEqual(
        calls.map((call) => [call.tagKeys, call.outcome]),
        [[[c.tag], 'AccessDeniedException']],
      );
      assert.deepEqual(await emulatorTags(emulator, c.kind, c.id), c.tags);
      await treeTagsBecome(page, c.label, Object.keys(c.tags));
      await screenshot(page, `error-access-denied-${c.kind}`);
    });
  }
});
