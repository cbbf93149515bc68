import * as assert from 'node:assert/strict';
import { withoutLinks } from '../../src/commands/notificationText';

// The pattern VS Code's notifications use to find links (src/vs/base/common/linkedText.ts in VS Code).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

const SHAPED_LIKE_LINKS = [
  '[Undo](command:workbench.action.quit)',
  'Removed tag "[x](command:awsTags.removeKeyEverywhere)" from KMS key "k".',
  '[docs](https://example.com/ "title")',
  'a [b](file:///etc/passwd) c [d](command:e)',
  '[spaced label](command:x?%5B%5D)',
];

describe('notification text', () => {
  it('holds no link VS Code would render, for text shaped like links', () => {
    for (const text of SHAPED_LIKE_LINKS) {
      assert.ok(text.match(VSCODE_LINK), `the oracle finds a link in ${text}`);
      assert.equal(withoutLinks(text).match(VSCODE_LINK), null, text);
    }
  });

  it('reads as typed: only zero-width spaces are added, and only where a link would start', () => {
    for (const text of SHAPED_LIKE_LINKS) assert.equal(withoutLinks(text).replace(/\u200b/g, ''), text);
    assert.equal(withoutLinks('Team [old] (2024)'), 'Team [old] (2024)');
    assert.equal(withoutLinks('plain text'), 'plain text');
  });
});
