import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { eventually } from '../../support/eventually.js';
import { startTestServer, type TestServer } from '../../support/server.js';

/** The flow again with the keyboard alone: Tab to each control (its focus visible), Enter and Space to use it. */
describe('console: keyboard only', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'en-US' })).newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Presses Tab until the focused control is the one named (a label, a button's or a link's text); each stop must show its focus. */
  async function tabTo(name: string | RegExp): Promise<void> {
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return undefined;
        const input = el as HTMLInputElement;
        const text = (input.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
        const style = getComputedStyle(el);
        return { text, visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
      if (!focused) continue;
      assert.ok(focused.visible, `the focus on "${focused.text}" is visible`);
      if (typeof name === 'string' ? focused.text === name : name.test(focused.text)) return;
    }
    assert.fail(`Tab never reached ${name}`);
  }
  /** Enter on the focused control, waiting for the page it leads to. */
  const enter = () => Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

  it('signs in, adds a contact, verifies it, binds it with the picker, publishes a message, fails a deletion and signs out', async () => {
    await page.goto(`${server.url}/console`);
    await tabTo('AccessKey ID');
    await page.keyboard.type(server.creds.accessKeyId);
    await tabTo('AccessKey secret');
    await page.keyboard.type(server.creds.accessKeySecret);
    await enter();
    assert.match(page.url(), /\/console$/);

    await tabTo('Enable resource directory');
    await enter();
    await tabTo('Directory');
    await enter();
    await tabTo('Folder name');
    await page.keyboard.type('Finance');
    await enter();
    await tabTo('Finance');
    await enter();
    await tabTo('Display name');
    await page.keyboard.type('Ledger');
    await tabTo('Account name prefix');
    await page.keyboard.type('ledger');
    await enter();

    await tabTo('Contacts');
    await enter();
    await tabTo('Add contact');
    await enter();
    await tabTo('Name');
    await page.keyboard.type('Alice');
    await tabTo('Email address');
    await page.keyboard.type('alice@example.com');
    await tabTo('Title');
    await page.keyboard.press('ArrowDown'); // FinanceDirector → TechnicalDirector
    await tabTo(/AccountExpenses/);
    await page.keyboard.press('Space');
    await tabTo('Add');
    await enter();
    assert.match((await page.getByRole('row').filter({ hasText: 'Alice' }).textContent())!, /Verifying/);
    assert.match((await page.getByRole('row').filter({ hasText: 'Alice' }).textContent())!, /TechnicalDirector/);

    await tabTo('Alice');
    await enter();
    const contactUrl = page.url();
    await tabTo('Send verification');
    await enter();
    await tabTo('Outbox');
    await enter();
    await tabTo(/\/verify\//);
    await enter();
    await tabTo('Confirm email address');
    await enter();

    await page.goto(contactUrl);
    assert.match((await page.locator('dd .status').textContent())!, /Active/);
    await tabTo(/Finance/);
    await page.keyboard.press('Space');
    await tabTo('Bind');
    await enter();
    assert.equal(await page.locator('.flash').textContent(), 'Done.');

    // Publish to Ledger: preview its recipients, compose, publish, read the delivery log.
    const { Accounts } = await server.client()('ListAccounts', {});
    const ledgerId: string = Accounts.Account.find((a: { DisplayName: string }) => a.DisplayName === 'Ledger').AccountId;
    await tabTo('Messages');
    await enter();
    await tabTo('Target');
    await page.keyboard.type(ledgerId);
    await tabTo('Message type');
    await page.keyboard.press('ArrowDown'); // ServiceMessage → FaultMessage
    await page.keyboard.press('ArrowDown'); // → AccountExpenses
    await tabTo('Preview recipients');
    await enter();
    assert.match((await page.getByRole('row').filter({ hasText: 'Alice' }).textContent())!, /alice@example\.com/);
    await tabTo('Subject');
    await page.keyboard.type('Invoice overdue');
    await tabTo('Content');
    await page.keyboard.type('Please pay.');
    await tabTo('Publish');
    await enter();
    assert.match(page.url(), /\/console\/messages\/m-\w{16}$/);
    await eventually('the email delivery is Sent', async () => {
      await page.reload();
      return /Sent/.test((await page.getByRole('row').filter({ hasText: 'alice@example.com' }).textContent()) ?? '');
    });

    await page.goto(contactUrl);
    await tabTo(/RetainContactInMembers/);
    await page.keyboard.press('Space');
    await tabTo('Delete contact');
    await enter();
    await eventually('the failure reasons', async () => {
      await page.goto(contactUrl);
      return (await page.getByText(/would be left without a contact for AccountExpenses/).count()) === 1;
    });

    await tabTo('Sign out');
    await enter();
    assert.match(page.url(), /\/console\/sign-in$/);
  });
});
