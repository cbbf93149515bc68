// The first step of every other spec, checked on its own: AWS Tags opens from the activity bar with its Resources
// view and both service groups.
import { screenshot } from '../browser.mjs';
import { openAwsTagsView, treeItem } from '../tree.mjs';
import { getHarness, useWorkbench } from './workbench.mjs';
import * as assert from 'node:assert/strict';

describe('AWS Tags view', function () {
  const workbench = useWorkbench();

  it('opens from the activity bar with the Resources view and both service groups', async function () {
    const { page } = workbench;
    await openAwsTagsView(page);
    await page.locator('.part.sidebar').getByRole('tree', { name: 'Resources' }).waitFor();
    await treeItem(page, 'Secrets Manager').first().waitFor();
    await treeItem(page, 'KMS Keys').first().waitFor();
    await screenshot(page, 'aws-tags-view');
  });

  it('is served only to a browser that has the connection token of this start', async function () {
    const { server } = getHarness();
    const without = await fetch(`${server.url}/`, { redirect: 'manual' });
    assert.equal(without.status, 403, 'no workbench without the token');
    assert.match(server.workbenchUrl(), /[?&]tkn=[0-9a-f]{32}(&|$)/);
  });
});
