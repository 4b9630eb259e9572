import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { seriousViolations } from '../../support/console.js';
import { eventually } from '../../support/eventually.js';
import { startTestServer, type TestServer } from '../../support/server.js';

/**
 * The console in a real browser against a real server: sign in, build a tree, add a contact, verify it from
 * the outbox, bind it with the picker, watch the coverage, read an account's recipients, publish a message and
 * read its delivery log, fail a deletion and read why, sign out. axe-core
 * audits every page in both languages on the way.
 */
describe('console: the whole flow in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ locale: 'en-US', bypassCSP: true })).newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const press = (name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  const open = (path: string) => page.goto(server.url + path);
  const flash = () => page.locator('.flash').first().textContent();
  const audited = new Set<string>();
  /** axe on this page, once per page kind and language. */
  async function audit(kind: string): Promise<void> {
    const lang = await page.getAttribute('html', 'lang');
    if (audited.has(`${kind}/${lang}`)) return;
    audited.add(`${kind}/${lang}`);
    assert.deepEqual(await seriousViolations(page), [], `${kind} in ${lang}`);
  }

  it('signs in, builds a tree, adds and verifies a contact, binds it, watches coverage, publishes a message, fails a deletion, signs out', async () => {
    await open('/console');
    assert.match(page.url(), /\/console\/sign-in$/);
    await audit('sign-in');
    await page.getByLabel('AccessKey ID').fill(server.creds.accessKeyId);
    await page.getByLabel('AccessKey secret').fill(server.creds.accessKeySecret);
    await press('Sign in');
    assert.match(page.url(), /\/console$/);

    // No directory yet: the overview offers to enable it.
    await audit('no-directory');
    await press('Enable resource directory');
    assert.equal(await flash(), 'Done.');
    await audit('overview');

    await open('/console/directory');
    await audit('directory');
    await page.getByLabel('Folder name').fill('Finance');
    await press('Create folder');
    await page.getByRole('link', { name: 'Finance', exact: true }).click();
    await page.getByLabel('Display name').fill('Ledger');
    await page.getByLabel('Account name prefix').fill('ledger');
    await press('Create account');
    assert.equal(await flash(), 'Done.');
    assert.equal(await page.getByRole('cell', { name: 'Ledger' }).count(), 1);

    await open('/console/contacts');
    await audit('contacts');
    await page.getByRole('link', { name: 'Add contact' }).click();
    await audit('add-contact');
    await page.getByLabel('Name', { exact: true }).fill('Alice');
    await page.getByLabel('Email address').fill('alice@example.com');
    await page.getByLabel('Phone number').fill('86-13900001234');
    await page.getByLabel('Title').selectOption('FinanceDirector');
    const types = page.getByRole('group', { name: 'Message types' });
    for (const type of ['ServiceMessage', 'FaultMessage', 'AccountExpenses', 'SecurityMessage', 'ActivityMessage', 'ProductMessage']) {
      assert.equal(await types.getByLabel(type).count(), 1, type);
    }
    await types.getByLabel('AccountExpenses').check();
    await press('Add');
    const row = page.getByRole('row').filter({ hasText: 'Alice' });
    assert.match((await row.textContent())!, /Verifying/);

    // Coverage before binding: Ledger is not covered for AccountExpenses.
    await open('/console/coverage');
    await audit('coverage');
    const ledger = () => page.getByRole('row').filter({ hasText: 'Ledger' });
    assert.match((await ledger().textContent())!, /Not covered/);

    await open('/console/contacts');
    await page.getByRole('link', { name: 'Alice' }).click();
    await audit('contact');
    const contactUrl = page.url();
    await page.getByRole('listitem').filter({ hasText: 'alice@example.com' }).getByRole('button', { name: 'Send verification' }).click();
    await page.waitForLoadState();
    assert.equal(await flash(), 'Done.');

    await open('/console/outbox');
    await audit('outbox');
    await page.getByRole('row').filter({ hasText: 'alice@example.com' }).getByRole('link').first().click();
    await press('Confirm email address');
    await page.goto(contactUrl);
    assert.match((await page.locator('dd .status').textContent())!, /Active/);

    // Bind to the Finance folder with the picker; the matrix now shows Alice for Ledger's AccountExpenses.
    await page.getByRole('group', { name: 'Bind to the directory, folders or accounts' }).getByLabel(/Finance/).check();
    await press('Bind');
    assert.equal(await flash(), 'Done.');
    await open('/console/coverage');
    const cells = await ledger().getByRole('cell').allTextContents();
    assert.match(cells[2]!, /Alice/, 'AccountExpenses is the third type');
    assert.match(cells[0]!, /Not covered/);

    // Ledger's own page: its recipients per type, as ResolveMessageRecipients answers them.
    await ledger().getByRole('link', { name: 'Ledger' }).click();
    await audit('account');
    const accountPath = new URL(page.url()).pathname;
    const ledgerId = /\/console\/accounts\/(\d{16})$/.exec(page.url())![1]!;
    const expenses = page.getByRole('row').filter({ hasText: 'AccountExpenses' });
    assert.match((await expenses.textContent())!, /Alice.*alice@example\.com/);
    assert.match((await expenses.textContent())!, /via fd-\w+/, 'through the Finance folder');
    assert.match((await page.getByRole('row').filter({ hasText: 'SecurityMessage' }).textContent())!, /Nobody receives it/);

    // Publish to Ledger: the preview names Alice, the message's page shows its delivery log.
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await audit('messages');
    await page.getByLabel('Target').first().fill(ledgerId);
    await page.getByLabel('Message type').first().selectOption('AccountExpenses');
    await press('Preview recipients');
    assert.match((await page.getByRole('row').filter({ hasText: 'Alice' }).textContent())!, /alice@example\.com/);
    await audit('messages-preview');
    const compose = page.locator('form[action="/console/do/PublishMessage"]');
    assert.equal(await compose.getByLabel('Target').inputValue(), ledgerId, 'the preview fills the compose form');
    assert.equal(await compose.getByLabel('Message type').inputValue(), 'AccountExpenses');
    await compose.getByLabel('Subject').fill('Invoice <overdue>');
    await compose.getByLabel('Content').fill('The invoice of Ledger is overdue.\nPlease pay.');
    await press('Publish');
    assert.match(page.url(), /\/console\/messages\/m-\w{16}$/);
    const messagePath = new URL(page.url()).pathname;
    assert.equal(await flash(), 'Done.');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Messages: Invoice <overdue>');
    const delivered = await eventually('the email delivery is Sent', async () => {
      await page.reload();
      const row = page.getByRole('row').filter({ hasText: 'alice@example.com' });
      return (await row.count()) === 1 && /Sent/.test((await row.textContent())!) && (await row.textContent())!;
    });
    assert.match(delivered, /email/);
    await audit('message');
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    assert.equal(await page.getByRole('link', { name: 'Invoice <overdue>' }).count(), 1, 'listed among the published messages');

    // Every page in Chinese too.
    await page.getByRole('link', { name: '简体中文' }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    for (const path of ['/console', '/console/directory', '/console/contacts', '/console/contacts/new', new URL(contactUrl).pathname, '/console/coverage', '/console/outbox', accountPath, '/console/messages', messagePath]) {
      await open(path);
      await audit(path.startsWith('/console/contacts/c-') ? 'contact' : path.startsWith('/console/accounts/') ? 'account' : path.startsWith('/console/messages/') ? 'message' : path);
    }
    await page.getByRole('link', { name: 'English' }).click();

    // Delete without retaining: the only cover of Ledger's AccountExpenses, so the deletion fails and says why.
    await page.goto(contactUrl);
    await page.getByLabel(/RetainContactInMembers/).uncheck();
    await press('Delete contact');
    const reasons = await eventually('the failure reasons', async () => {
      await page.goto(contactUrl);
      const items = await page.getByRole('listitem').filter({ hasText: 'would be left without a contact' }).allTextContents();
      return items.length > 0 && items;
    });
    assert.deepEqual(reasons, [`Account ${ledgerId} would be left without a contact for AccountExpenses.`]);
    await audit('contact-failed-deletion');

    await press('Sign out');
    assert.match(page.url(), /\/console\/sign-in$/);
    await open('/console/contacts');
    assert.match(page.url(), /\/console\/sign-in/);
    await page.getByRole('link', { name: '简体中文' }).click();
    assert.equal(await page.getByRole('button').textContent(), '登录');
    await audit('sign-in');
  });
});
