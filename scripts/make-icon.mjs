// Renders media/icon.png (128x128, the Marketplace icon) from the activity-bar glyph, media/aws-tags.svg, in
// headless Chromium: `node scripts/make-icon.mjs`. The PNG is committed; run this only when the glyph changes.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const glyph = readFileSync(new URL('../media/aws-tags.svg', import.meta.url), 'utf8').replace(
  'stroke="currentColor"',
  'stroke="#ff9900"',
);
const html = `<html><body style="margin:0;background:transparent">
  <div style="width:128px;height:128px;border-radius:24px;background:#232f3e;display:flex;align-items:center;justify-content:center">
    <div style="width:92px;height:92px">${glyph.replace('width="24" height="24"', 'width="92" height="92"')}</div>
  </div></body></html>`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(html);
  await page.screenshot({ path: new URL('../media/icon.png', import.meta.url).pathname, omitBackground: true });
} finally {
  await browser.close();
}
