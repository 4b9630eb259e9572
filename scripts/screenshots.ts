// `npm run screenshots`: pictures of every verification page (and the HTML email) in docs/screenshots, and
// of every console page in both languages in docs/screenshots/console, taken in headless Chromium (Debian's /usr/bin/chromium) from a throw-away server in outbox mode.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { start } from '../src/runtime.js';
import { makeClient } from '../test/support/clients.js';
import { launchChromium } from '../test/support/browser.js';
import { RDCONTACTS_2026 } from '../src/operations/rdcontacts/api.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'rdc-screenshots-'));
const running = await start(loadConfig({ RDC_HOST: '127.0.0.1', RDC_PORT: '0', RDC_DATA_DIR: dataDir, RDC_LOG_LEVEL: 'silent' }), pino({ level: 'silent' }));
const browser = await launchChromium();
try {
  const call = makeClient('openapi-core-v3', running.url, running.root);
  await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  const { Contact } = await call('AddMessageContact', { Name: 'Alice', EmailAddress: 'alice@example.com', PhoneNumber: '86-13900001234', Title: 'TechnicalDirector', MessageTypes: ['AccountExpenses'] });
  const id: string = Contact.ContactId;
  const latest = async (channel: 'email' | 'sms') => (await running.store.outbox.list(id)).filter((m) => m.channel === channel).at(-1)!;

  const page = await browser.newPage({ viewport: { width: 720, height: 640 } });
  const shot = (name: string) => page.screenshot({ path: join(OUT, name), fullPage: true });
  const press = (name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).click()]);

  await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'alice@example.com' });
  const stale = (await latest('email')).link;
  await call('SendEmailVerificationForMessageContact', { ContactId: id, EmailAddress: 'alice@example.com' });
  const email = await latest('email');
  await page.setContent(email.html!);
  await shot('email-message.png');
  await page.goto(email.link);
  await shot('email-confirm.png');
  await press('Confirm email address');
  await shot('email-verified.png');
  await page.goto(email.link);
  await shot('link-used.png');
  await page.goto(stale);
  await shot('link-expired.png');
  await page.goto(`${running.url}/verify/${'A'.repeat(43)}`);
  await shot('link-unknown.png');

  await call('SendPhoneVerificationForMessageContact', { ContactId: id, PhoneNumber: '86-13900001234' });
  const sms = await latest('sms');
  await page.goto(sms.link);
  await shot('sms-code.png');
  await page.getByLabel('Verification code').fill(sms.code === '000000' ? '111111' : '000000');
  await press('Verify phone number');
  await shot('sms-wrong-code.png');
  await page.getByLabel('Verification code').fill(sms.code!);
  await press('Verify phone number');
  await shot('sms-verified.png');

  await consoleShots(call, id);
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/** The console with a small tree: every page, once in English and once in Simplified Chinese. */
async function consoleShots(call: ReturnType<typeof makeClient>, aliceId: string): Promise<void> {
  const out = join(OUT, 'console');
  mkdirSync(out, { recursive: true });
  const { RootFolderId } = (await call('GetResourceDirectory', {})).ResourceDirectory;
  const folder = async (FolderName: string, ParentFolderId: string) => (await call('CreateFolder', { FolderName, ParentFolderId })).Folder.FolderId as string;
  const account = (DisplayName: string, ParentFolderId: string) => call('CreateResourceAccount', { DisplayName, AccountNamePrefix: DisplayName.toLowerCase(), ParentFolderId });
  const finance = await folder('Finance', RootFolderId);
  const engineering = await folder('Engineering', RootFolderId);
  await folder('Payroll', finance);
  const ledger: string = (await account('Ledger', finance)).Account.AccountId;
  await account('Invoices', finance);
  await account('Platform', engineering);
  await account('Sandbox', RootFolderId);
  await call('AssociateMembers', { ContactId: aliceId, Members: [finance] });
  const { Contact } = await call('AddMessageContact', { Name: 'Bob', EmailAddress: 'bob@example.com', Title: 'TechnicalDirector', MessageTypes: ['FaultMessage', 'SecurityMessage'] });
  await call('AssociateMembers', { ContactId: Contact.ContactId, Members: [engineering] });
  // A published message whose delivery log has its email sent (to the outbox).
  const notices = makeClient('openapi-core-v3', running.url, running.root, RDCONTACTS_2026.version);
  const { MessageId } = await notices('PublishMessage', { MessageType: 'AccountExpenses', Subject: 'Invoice overdue', Content: 'The November invoice of Finance is overdue.\nPlease pay it by Friday.', TargetId: finance });
  for (let i = 0; i < 100; i++) {
    const { Message } = await notices('GetMessage', { MessageId });
    if (Message.Deliveries.every((d: { State: string }) => d.State === 'Sent')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  for (const [lang, locale] of [['en', 'en-US'], ['zh', 'zh-CN']] as const) {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: join(out, `${name}.${lang}.png`), fullPage: true });
    await page.goto(`${running.url}/console`);
    await shot('sign-in');
    await page.locator('#ak-id').fill(running.root.accessKeyId);
    await page.locator('#ak-secret').fill(running.root.accessKeySecret);
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/console/sign-in"] button').click()]);
    for (const [name, path] of [
      ['overview', '/console'],
      ['directory', `/console/directory?folder=${finance}`],
      ['contacts', '/console/contacts'],
      ['add-contact', '/console/contacts/new'],
      ['contact', `/console/contacts/${aliceId}`],
      ['coverage', '/console/coverage'],
      ['account', `/console/accounts/${ledger}`],
      ['messages', `/console/messages?target=${ledger}&type=AccountExpenses`],
      ['message', `/console/messages/${MessageId}`],
      ['outbox', '/console/outbox'],
    ]) {
      await page.goto(running.url + path!);
      await shot(name!);
    }
    await context.close();
  }
}
