import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConsoleClient } from '../../support/console.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';
import { startTestServer, type TestServer } from '../../support/server.js';

const ACCOUNT = '1000000000000001';
const READER = 'LTAIreader00001';
/** Reads the Resource Directory and rdcontacts' own API (recipients, messages), changes nothing. */
const NOTICE_READER = 'LTAIreader00002';

describe('console: who may do what, and what a forged request does', () => {
  let server: TestServer;
  let contactId: string;
  let accountId: string;
  let messageId: string;
  const asRoot = () => {
    const c = new ConsoleClient(server.url);
    return c.signIn(server.creds.accessKeyId, server.creds.accessKeySecret).then(() => c);
  };
  const folderCount = async () => {
    const root = (await server.client()('GetResourceDirectory', {})).ResourceDirectory.RootFolderId;
    return (await server.client()('ListFoldersForParent', { ParentFolderId: root })).TotalCount;
  };

  before(async () => {
    const file = writeIdentities({
      accounts: [
        {
          accountId: ACCOUNT,
          ramUsers: [
            { name: 'reader', accessKeys: [key(READER)], policies: ['AliyunResourceDirectoryReadOnlyAccess'] },
            { name: 'notice-reader', accessKeys: [key(NOTICE_READER)], policies: ['AliyunResourceDirectoryReadOnlyAccess', 'AliyunRdcontactsReadOnlyAccess'] },
          ],
        },
      ],
    });
    server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: ACCOUNT, RDC_IDENTITIES_FILE: file, RDC_CONSOLE_SIGN_IN_LIMIT: '3' });
    const call = server.client();
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    contactId = (await call('AddMessageContact', { Name: 'Alice', EmailAddress: 'alice@example.com', Title: 'FinanceDirector', MessageTypes: ['AccountExpenses'] })).Contact.ContactId;
    const root = (await call('GetResourceDirectory', {})).ResourceDirectory.RootFolderId;
    accountId = (await call('CreateResourceAccount', { DisplayName: 'Ledger', AccountNamePrefix: 'ledger', ParentFolderId: root })).Account.AccountId;
    messageId = (await server.extensionClient()('PublishMessage', { MessageType: 'AccountExpenses', Subject: 'Invoice', Content: 'Pay.', TargetId: accountId })).MessageId;
  });
  const messageCount = async () => (await server.extensionClient()('ListMessages', {})).TotalCount;
  after(() => server?.stop());

  it('sets a session cookie that is HttpOnly, SameSite=Strict and scoped to /console, and a strict CSP', async () => {
    const c = new ConsoleClient(server.url);
    const answer = await c.signIn(server.creds.accessKeyId, server.creds.accessKeySecret);
    assert.equal(answer.status, 303);
    const cookie = answer.headers.get('set-cookie')!;
    assert.match(cookie, /^rdc_session=[\w-]{43}; /);
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/console']) assert.ok(cookie.split('; ').includes(attribute), attribute);
    assert.ok(!cookie.includes('Secure'), 'plain HTTP: no Secure');
    assert.ok(!cookie.includes(server.creds.accessKeySecret));
    const page = await c.get('/console/contacts');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.ok(!page.body.includes(server.creds.accessKeySecret), 'the secret is not on any page');
  });

  it('a read-only RAM user sees no mutating control and gets a readable denial when forcing one', async () => {
    const c = new ConsoleClient(server.url);
    await c.signIn(READER, credsOf(READER).accessKeySecret);
    for (const path of ['/console', '/console/directory', '/console/contacts', `/console/contacts/${contactId}`, '/console/coverage']) {
      const page = await c.get(path);
      assert.equal(page.status, 200, path);
      assert.ok(!page.body.includes('action="/console/do/'), `${path} has no form that changes anything`);
    }
    assert.ok(!(await c.get('/console/contacts')).body.includes('Add contact'));
    // rdcontacts' own actions are not granted by the Resource Directory policy: those parts say so, readably.
    assert.match((await c.get('/console/coverage')).body, /Denied: rdcontacts:ResolveMessageRecipients on \* \(ImplicitDeny\)\./);
    assert.match((await c.get('/console')).body, /Denied: rdcontacts:GetDirectorySummary on \* \(ImplicitDeny\)\./);
    const before = await folderCount();
    const root = (await server.client()('GetResourceDirectory', {})).ResourceDirectory.RootFolderId;
    const forced = await c.post('/console/do/CreateFolder', { _csrf: await c.csrf(), _back: '/console/directory', FolderName: 'Forced', ParentFolderId: root });
    assert.equal(forced.status, 303);
    const page = await c.get(forced.location!);
    assert.match(page.body, /Denied: resourcemanager:CreateFolder on acs:resourcemanager::1000000000000001:folder\/rd-\w+\/r-\w+ \(ImplicitDeny\)\./);
    assert.equal(await folderCount(), before);
  });

  it('a reader of messages sees recipients, messages and delivery logs, and no control that publishes; forcing one is denied', async () => {
    const c = new ConsoleClient(server.url);
    await c.signIn(NOTICE_READER, credsOf(NOTICE_READER).accessKeySecret);
    for (const path of ['/console', '/console/coverage', `/console/accounts/${accountId}`, '/console/messages', `/console/messages?target=${accountId}&type=AccountExpenses`, `/console/messages/${messageId}`]) {
      const page = await c.get(path);
      assert.equal(page.status, 200, path);
      assert.ok(!page.body.includes('action="/console/do/'), `${path} has no form that changes anything`);
      assert.doesNotMatch(page.body, /Denied/, path);
    }
    assert.match((await c.get('/console/messages')).body, new RegExp(`href="/console/messages/${messageId}">Invoice<`));
    const before = await messageCount();
    const forced = await c.post('/console/do/PublishMessage', { _csrf: await c.csrf(), _back: '/console/messages', MessageType: 'AccountExpenses', Subject: 'Forced', Content: 'x', TargetId: accountId });
    assert.equal(forced.status, 303);
    assert.match((await c.get(forced.location!)).body, /Denied: rdcontacts:PublishMessage on \* \(ImplicitDeny\)\./);
    assert.equal(await messageCount(), before);
  });

  it('a cross-site publish or one without the form token publishes nothing; the console\'s own form publishes', async () => {
    const c = await asRoot();
    const before = await messageCount();
    const form = { _back: '/console/messages', MessageType: 'AccountExpenses', Subject: 'Forged', Content: 'x', TargetId: accountId };
    assert.equal((await c.post('/console/do/PublishMessage', { ...form, _csrf: await c.csrf() }, { origin: 'https://evil.example' })).status, 403);
    assert.equal((await c.post('/console/do/PublishMessage', form)).status, 403);
    assert.equal(await messageCount(), before);
    const ok = await c.post('/console/do/PublishMessage', { ...form, Subject: '<b>"Real"</b>', _csrf: await c.csrf() });
    assert.equal(ok.status, 303);
    assert.match(ok.location!, /^\/console\/messages\/m-\w{16}$/);
    assert.equal(await messageCount(), before + 1);
    const page = await c.get(ok.location!);
    assert.ok(page.body.includes('&lt;b&gt;&quot;Real&quot;&lt;/b&gt;'), 'the subject is escaped');
    assert.ok(!page.body.includes('<b>"Real"</b>'));
  });

  it("another tenant's IDs in URLs answer as missing", async () => {
    const other = server.addTenant();
    const c = new ConsoleClient(server.url);
    await c.signIn(other.creds.accessKeyId, other.creds.accessKeySecret);
    await c.post('/console/do/EnableResourceDirectory', { _csrf: await c.csrf(), _back: '/console', EnableMode: 'CurrentAccount' });
    const page = await c.get(`/console/contacts/${contactId}`);
    assert.equal(page.status, 404);
    assert.match(page.body, /Not found/);
    assert.ok(!page.body.includes('Alice'));
    assert.ok(!(await c.get('/console/contacts')).body.includes('Alice'));
    for (const path of [`/console/accounts/${accountId}`, `/console/messages/${messageId}`]) {
      const theirs = await c.get(path);
      assert.equal(theirs.status, 404, path);
      assert.ok(!theirs.body.includes('Ledger') && !theirs.body.includes('Invoice'), path);
    }
    assert.ok(!(await c.get('/console/messages')).body.includes('Invoice'));
    assert.match((await c.get(`/console/messages?target=${accountId}&type=AccountExpenses`)).body, /EntityNotExists\.Account/);
  });

  it('a cross-site POST and a POST without the form token change nothing', async () => {
    const c = await asRoot();
    const root = (await server.client()('GetResourceDirectory', {})).ResourceDirectory.RootFolderId;
    const before = await folderCount();
    const form = { _back: '/console/directory', FolderName: 'Forged', ParentFolderId: root };
    const crossSite = await c.post('/console/do/CreateFolder', { ...form, _csrf: await c.csrf() }, { origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    const noToken = await c.post('/console/do/CreateFolder', form);
    assert.equal(noToken.status, 403);
    const wrongToken = await c.post('/console/do/CreateFolder', { ...form, _csrf: 'A'.repeat(43) });
    assert.equal(wrongToken.status, 403);
    assert.equal(await folderCount(), before);
    // The same form from the console itself works.
    const ok = await c.post('/console/do/CreateFolder', { ...form, _csrf: await c.csrf() });
    assert.equal(ok.status, 303);
    assert.equal(await folderCount(), before + 1);
  });

  it('every value is escaped', async () => {
    const c = await asRoot();
    const evil = '"><script>alert(1)</script>';
    const page = await c.get(`/console/directory?q=${encodeURIComponent(evil)}`);
    assert.equal(page.status, 200);
    assert.ok(!page.body.includes('<script>'));
    assert.ok(page.body.includes('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"'));
  });

  it('a disabled or removed key ends its sessions at the next request', async () => {
    const other = server.addTenant();
    const c = new ConsoleClient(server.url);
    await c.signIn(other.creds.accessKeyId, other.creds.accessKeySecret);
    assert.equal((await c.get('/console/contacts')).status, 200);
    server.keys.replace(server.keys.all().map((k) => (k.id === other.creds.accessKeyId ? { ...k, status: 'Inactive' as const } : k)));
    const ended = await c.get('/console/contacts');
    assert.equal(ended.status, 303);
    assert.equal(ended.location, '/console/sign-in?ended=1');
    // Enabled again, the old session stays ended.
    server.keys.replace(server.keys.all().map((k) => (k.id === other.creds.accessKeyId ? { ...k, status: 'Active' as const } : k)));
    assert.equal((await c.get('/console/contacts')).status, 303);
  });

  it('signing out ends the session', async () => {
    const c = await asRoot();
    const out = await c.post('/console/sign-out', { _csrf: await c.csrf() });
    assert.equal(out.location, '/console/sign-in');
    assert.equal((await c.get('/console')).status, 303);
  });

  it('failed sign-ins are limited per source address', async () => {
    const c = new ConsoleClient(server.url);
    for (let i = 0; i < 3; i++) assert.equal((await c.signIn(server.creds.accessKeyId, 'wrong-secret')).status, 401);
    const limited = await c.signIn(server.creds.accessKeyId, server.creds.accessKeySecret);
    assert.equal(limited.status, 429, 'even the right secret waits');
    assert.match(limited.body, /Too many failed sign-ins/);
  });
});

describe('console: settings', () => {
  it('a session expires after RDC_CONSOLE_SESSION_TTL', async () => {
    const server = await startTestServer({ RDC_CONSOLE_SESSION_TTL: '1' });
    try {
      const c = new ConsoleClient(server.url);
      await c.signIn(server.creds.accessKeyId, server.creds.accessKeySecret);
      assert.equal((await c.get('/console')).status, 200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await c.get('/console');
      assert.equal(expired.status, 303);
      assert.equal(expired.location, '/console/sign-in?ended=1');
    } finally {
      await server.stop();
    }
  });

  it('RDC_CONSOLE=false removes every console route', async () => {
    const server = await startTestServer({ RDC_CONSOLE: 'false' });
    try {
      for (const path of ['/console', '/console/sign-in', '/console/assets/console.css']) assert.equal((await fetch(server.url + path)).status, 404, path);
      assert.equal((await fetch(server.url + '/console/sign-in', { method: 'POST' })).status, 404);
    } finally {
      await server.stop();
    }
  });
});
