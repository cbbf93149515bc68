// The first step of every other spec, checked on its own: AWS Tags opens from the activity bar with its Resources
// view and both service groups.
import { screenshot } from '../browser.mjs';
import { openAwsTagsView, treeItem } from '../tree.mjs';
import { useWorkbench } from './workbench.mjs';

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
});
