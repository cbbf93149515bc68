// Steps the UI specs share: reaching a resource's tags in the tree, reading the truth from the emulator, and
// waiting for both to agree. Not a spec itself (run.mjs only loads *.test.mjs).
import assert from 'node:assert/strict';
import { expandTreeItem, findTreeItem, openAwsTagsView, treeChildLabels, treeItem } from '../browser.mjs';

/** Polls `read()` until `accept(value)` holds; fails with the last value seen, so a timeout says what was there. */
export async function eventually(read, accept, { timeout = 15_000, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The tags the emulator holds for a secret (name) or KMS key (id or alias), as { key: value }. */
export async function emulatorTags(emulator, kind, id) {
  const route = kind === 'secret' ? 'secret-tags' : 'key-tags';
  return (await emulator.admin(`${route}?${new URLSearchParams({ id })}`)).tags;
}

/** Waits until the emulator's tags for the resource equal `expected` exactly. */
export function emulatorTagsBecome(emulator, kind, id, expected, options) {
  return eventually(
    () => emulatorTags(emulator, kind, id),
    (tags) => sameTags(tags, expected),
    { what: `the emulator's tags of ${id} to be ${JSON.stringify(expected)}`, ...options },
  );
}

function sameTags(a, b) {
  const keys = Object.keys(a).sort();
  return JSON.stringify(keys) === JSON.stringify(Object.keys(b).sort()) && keys.every((k) => a[k] === b[k]);
}

/** UntagResource requests the emulator received (any service, any outcome). */
export async function untagCalls(emulator) {
  return emulator.calls({ operation: 'UntagResource' });
}

/**
 * As a person would: opens AWS Tags from the activity bar, expands the group ("Secrets Manager" or
 * "KMS Keys") and then the resource, and waits for its tag rows. Returns the tag keys shown.
 */
export async function showTags(page, group, resource) {
  await openAwsTagsView(page);
  await expandTreeItem(page, group);
  await expandTreeItem(page, resource);
  return eventually(() => treeChildLabels(page, resource), (labels) => labels.length > 0, { what: `tags of "${resource}"` });
}

/** Waits until the resource's tag rows are exactly `keys` (in any order). */
export function treeTagsBecome(page, resource, keys, options) {
  const want = [...keys].sort();
  return eventually(
    async () => (await treeChildLabels(page, resource)).sort(),
    (labels) => JSON.stringify(labels) === JSON.stringify(want),
    { what: `the tree to show tags ${JSON.stringify(want)} under "${resource}"`, ...options },
  );
}

/**
 * The row of tag `key` under the expanded `resource`. The specs expand one resource at a time, so tag keys are
 * unique among the rendered rows; this checks that, so a row of another resource is never clicked by mistake.
 */
export async function tagRow(page, resource, key) {
  assert.ok((await treeChildLabels(page, resource)).includes(key), `"${key}" is not a tag row of "${resource}"`);
  assert.equal(await treeItem(page, key).count(), 1, `more than one row is labelled "${key}"`);
  return findTreeItem(page, key);
}

/** The value shown next to a tag key (the row's description). */
export async function tagValueShown(page, resource, key) {
  const row = await tagRow(page, resource, key);
  return (await row.locator('.label-description').first().innerText()).trim();
}

/** Drags the sash between the sidebar and the editor so that long secret names are not cut off. */
export async function widenSidebar(page, width) {
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  const edge = sidebar.x + sidebar.width;
  const y = sidebar.y + sidebar.height / 2;
  await page.mouse.move(edge, y);
  await page.mouse.down();
  await page.mouse.move(sidebar.x + width, y, { steps: 5 });
  await page.mouse.up();
  await page.mouse.move(900, 500);
  await eventually(
    async () => (await page.locator('.part.sidebar').boundingBox()).width,
    (w) => Math.abs(w - width) < 30,
    { what: `the sidebar to be ${width}px wide` },
  );
}
