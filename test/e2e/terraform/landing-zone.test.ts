import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import { completeVerification } from '../../support/contacts.js';
import { killServes, spawnServe } from '../../support/child.js';
import { makeClient, type Call, type Credentials } from '../../support/clients.js';
import { POSTGRES_ONLY, freshTestDatabase } from '../../support/database.js';
import { providerClient, type ProviderCall } from '../../support/terraform.js';
import { credsOf, key, writeIdentities } from '../../support/identities.js';
import { TerraformProvider, type AccountConfig, type ContactConfig, type DirectoryConfig, type FolderConfig } from '../../support/terraform-resources.js';

/** The product and action of each call, as `RM Action` / `RDM Action`. */
const steps = (calls: readonly ProviderCall[]) => calls.map((c) => `${c.product === 'ResourceManager' ? 'RM' : 'RDM'} ${c.action}`);

/** The configured attributes of a resource's state, compared with what the provider read back. */
function assertReads(state: Record<string, unknown>, config: object, what: string): void {
  for (const [key, value] of Object.entries(config)) {
    if (key === 'force_delete' || key === 'account_name_prefix') continue;
    assert.deepEqual(state[key], value, `${what}: ${key}`);
  }
}

/** Where the landing zone is applied: the URLs the provider's calls go to in turn, and the in-process server if there is one. */
interface Target {
  urls: string[];
  creds: Credentials;
  rootAccountId: string;
  /** The server in this process, for what only it can show (a person verifying, the store); none for separate nodes. */
  server: TestServer | undefined;
  stop(): Promise<void>;
}

function landingZone(title: string, options: { skip?: string | false }, start: () => Promise<Target>): void {
  describe(title, options, () => {
    let target: Target;
    let tf: TerraformProvider;
    let calls: ProviderCall[];
    let call: Call;
    before(async () => {
      target = await start();
      const client = providerClient(target.urls, target.creds);
      tf = new TerraformProvider(client);
      calls = client.calls;
      call = makeClient('openapi-core-v3', target.urls.at(-1)!, target.creds);
    });
    after(async () => target?.stop());

    // The configuration: the directory, two folders, three accounts (tags, a move later), two contacts bound to a folder.
    let directory: DirectoryConfig = { member_deletion_status: 'Enabled' };
    const folders: Record<string, FolderConfig> = {
      apps: { folder_name: 'Applications', tags: { team: 'platform', cost: 'cc-100' } },
      sandbox: { folder_name: 'Sandbox' },
    };
    const accounts: Record<string, AccountConfig> = {};
    const contacts: Record<string, ContactConfig> = {
      ops: { email_address: 'ops@example.com', message_contact_name: 'Ops', message_types: ['AccountExpenses', 'FaultMessage'], title: 'TechnicalDirector' },
      finance: { email_address: 'finance@example.com', message_contact_name: 'Finance', message_types: ['AccountExpenses'], phone_number: '86-13900001234', title: 'CEO' },
    };
    const ids = { folders: {} as Record<string, string>, accounts: {} as Record<string, string>, contacts: {} as Record<string, string> };

    it('apply: every resource is created and read back as configured, in the provider\'s call order', async () => {
      const rd = await tf.createDirectory(directory);
      assertReads(rd.state, directory, 'directory');
      assert.equal(rd.state.status, 'Disabled');
      assert.equal(rd.state.master_account_id, target.rootAccountId);
      for (const [name, config] of Object.entries(folders)) {
        const created = await tf.createFolder(config);
        ids.folders[name] = created.id;
        assertReads(created.state, { ...config, tags: config.tags ?? {} }, `folder ${name}`);
        assert.equal(created.state.parent_folder_id, rd.state.root_folder_id);
      }
      accounts.dev = { display_name: 'dev-account', folder_id: ids.folders.apps, tags: { env: 'dev', owner: 'alice' } };
      accounts.prod = { display_name: 'prod-account', folder_id: ids.folders.apps, account_name_prefix: 'prod-acct', type: 'ResourceAccount' };
      accounts.lab = { display_name: 'lab-account', folder_id: ids.folders.sandbox, payer_account_id: target.rootAccountId, tags: { env: 'lab' }, force_delete: true };
      for (const [name, config] of Object.entries(accounts)) {
        const created = await tf.createAccount(config);
        ids.accounts[name] = created.id;
        assertReads(created.state, { ...config, tags: config.tags ?? {}, payer_account_id: config.payer_account_id ?? '', type: 'ResourceAccount' }, `account ${name}`);
        assert.deepEqual([created.state.status, created.state.join_method], ['CreateSuccess', 'created']);
      }
      for (const [name, config] of Object.entries(contacts)) {
        const created = await tf.createContact(config);
        ids.contacts[name] = created.id;
        assertReads(created.state, config, `contact ${name}`);
        assert.equal(created.state.status, 'Verifying');
      }
      assert.deepEqual(steps(calls), [
        'RM InitResourceDirectory', 'RM SetMemberDeletionPermission', 'RDM GetResourceDirectory',
        'RM CreateFolder', 'RDM TagResources', 'RM GetFolder', 'RDM ListTagResources',
        'RM CreateFolder', 'RM GetFolder', 'RDM ListTagResources',
        'RM CreateResourceAccount', 'RDM TagResources', 'RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources',
        'RM CreateResourceAccount', 'RM UpdateAccount', 'RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources',
        'RM CreateResourceAccount', 'RDM TagResources', 'RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources',
        'RDM AddMessageContact', 'RDM GetMessageContact',
        'RDM AddMessageContact', 'RDM GetMessageContact',
      ]);
      // The provider sends an account's tags as Tags.N.Key on create (the API's name is Tag.N.Key): tolerated.
      assert.equal(calls.find((c) => c.action === 'CreateResourceAccount')!.body['Tags.1.Key'], 'env');
      // Outside Terraform (no provider resource binds contacts): both contacts are bound to the Applications folder.
      for (const id of Object.values(ids.contacts)) await call('AssociateMembers', { ContactId: id, Members: [ids.folders.apps!] });
      assert.deepEqual((await call('GetMessageContact', { ContactId: ids.contacts.ops })).Contact.Members, [ids.folders.apps]);
      const server = target.server;
      if (!server) return;
      // A person verifies the ops contact, which then covers the two accounts there.
      await call('SendEmailVerificationForMessageContact', { ContactId: ids.contacts.ops, EmailAddress: contacts.ops!.email_address });
      assert.equal((await completeVerification(server, ids.contacts.ops!, 'email')).outcome, 'verified');
      const covered = await server.app.services.coverage.coverageOf(ids.contacts.ops!);
      assert.deepEqual([...new Set(covered.map((c) => c.accountId))].sort(), [ids.accounts.dev, ids.accounts.prod].sort());
    });

    it('refresh and plan: every read answers exactly what was configured (no diff)', async () => {
      calls.length = 0;
      assertReads(await tf.readDirectory(), directory, 'directory');
      for (const [name, config] of Object.entries(folders)) assertReads(await tf.readFolder(ids.folders[name]!), { ...config, tags: config.tags ?? {} }, `folder ${name}`);
      for (const [name, config] of Object.entries(accounts)) {
        assertReads(await tf.readAccount(ids.accounts[name]!), { ...config, tags: config.tags ?? {}, payer_account_id: config.payer_account_id ?? '', type: 'ResourceAccount' }, `account ${name}`);
      }
      for (const [name, config] of Object.entries(contacts)) assertReads(await tf.readContact(ids.contacts[name]!), config, `contact ${name}`);
      assert.deepEqual(steps(calls), [
        'RDM GetResourceDirectory',
        'RM GetFolder', 'RDM ListTagResources', 'RM GetFolder', 'RDM ListTagResources',
        ...Array(3).fill(['RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources']).flat(),
        'RDM GetMessageContact', 'RDM GetMessageContact',
      ]);
    });

    it('update: each resource changes and the next read sees the change at once', async () => {
      calls.length = 0;
      const newDirectory = { ...directory, member_account_display_name_sync_status: 'Enabled' };
      assertReads(await tf.updateDirectory('', directory, newDirectory), newDirectory, 'directory');
      directory = newDirectory;

      const apps = { folder_name: 'Apps', tags: { team: 'platform', cost: 'cc-200', tier: 'gold' } };
      assertReads(await tf.updateFolder(ids.folders.apps!, folders.apps!, apps), apps, 'folder apps');
      folders.apps = apps;
      const sandbox = { folder_name: 'Playground', tags: { temporary: 'yes' } };
      assertReads(await tf.updateFolder(ids.folders.sandbox!, folders.sandbox!, sandbox), sandbox, 'folder sandbox');
      folders.sandbox = sandbox;

      const updates: Record<string, AccountConfig> = {
        dev: { ...accounts.dev!, display_name: 'dev-renamed', tags: { env: 'development' } },
        prod: { ...accounts.prod!, payer_account_id: target.rootAccountId },
        // The move: from Sandbox to Applications.
        lab: { ...accounts.lab!, folder_id: ids.folders.apps },
      };
      for (const [name, config] of Object.entries(updates)) {
        const state = await tf.updateAccount(ids.accounts[name]!, accounts[name]!, config);
        assertReads(state, { ...config, tags: config.tags ?? {}, payer_account_id: config.payer_account_id ?? '', type: 'ResourceAccount' }, `account ${name}`);
        accounts[name] = config;
      }
      // The moved account is covered by the verified ops contact at once (coverage follows the tree).
      if (target.server) {
        const covered = await target.server.app.services.coverage.coverageOf(ids.contacts.ops!);
        assert.ok(covered.some((c) => c.accountId === ids.accounts.lab));
      }

      const ops = { ...contacts.ops!, message_contact_name: 'Operations', title: 'MaintenanceDirector' };
      assertReads(await tf.updateContact(ids.contacts.ops!, contacts.ops!, ops), ops, 'contact ops');
      contacts.ops = ops;
      const finance = { ...contacts.finance!, message_types: ['AccountExpenses', 'ServiceMessage'] };
      assertReads(await tf.updateContact(ids.contacts.finance!, contacts.finance!, finance), finance, 'contact finance');
      contacts.finance = finance;

      assert.deepEqual(steps(calls), [
        'RDM SetMemberDisplayNameSyncStatus', 'RDM GetResourceDirectory',
        'RM UpdateFolder', 'RDM UntagResources', 'RDM TagResources', 'RM GetFolder', 'RDM ListTagResources',
        'RM UpdateFolder', 'RDM TagResources', 'RM GetFolder', 'RDM ListTagResources',
        'RM UpdateAccount', 'RDM UntagResources', 'RDM TagResources', 'RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources',
        'RDM UpdatePayerForAccount', 'RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources',
        'RM MoveAccount', 'RM GetAccount', 'RM GetPayerForAccount', 'RM ListTagResources',
        'RDM UpdateMessageContact', 'RDM GetMessageContact',
        'RDM UpdateMessageContact', 'RDM GetMessageContact',
      ]);
      // The changed folder tag was removed by key, then every tag re-sent.
      assert.deepEqual(calls[3]!.body, { 'ResourceId.1': ids.folders.apps, ResourceType: 'Folder', 'TagKey.1': 'cost' });
    });

    it('import: a read by ID alone gives the same state as the configuration', async () => {
      assertReads(await tf.readFolder(ids.folders.apps!), folders.apps!, 'imported folder');
      assertReads(await tf.readAccount(ids.accounts.dev!), { ...accounts.dev!, tags: accounts.dev!.tags, payer_account_id: '', type: 'ResourceAccount' }, 'imported account');
      assertReads(await tf.readContact(ids.contacts.finance!), contacts.finance!, 'imported contact');
      assertReads(await tf.readDirectory(), directory, 'imported directory');
    });

    it('destroy: contacts, accounts (one with force_delete), folders, then the directory, in the provider\'s order', async () => {
      calls.length = 0;
      const server = target.server;
      const rd = (await call('GetResourceDirectory')).ResourceDirectory;
      // The verified ops contact is deleted retaining its coverage: the accounts it covered keep it.
      for (const id of Object.values(ids.contacts)) await tf.deleteContact(id);
      if (server) assert.ok((await server.app.services.coverage.retainedOf(ids.accounts.dev!)).length > 0, 'the dev account retained the ops contact');
      for (const [name, config] of Object.entries(accounts)) {
        assert.ok(['Success', 'Deleting'].includes(await tf.deleteAccount(ids.accounts[name]!, config)), name);
        // A member whose deletion reads Deleting or Success has left its folder: the folder can go next.
        await assert.rejects(tf.readAccount(ids.accounts[name]!), (err: any) => err.code === 'EntityNotExists.Account' && err.statusCode === 404);
      }
      for (const id of Object.values(ids.folders)) await tf.deleteFolder(id);
      await tf.deleteDirectory();
      const destroyed = steps(calls);
      assert.deepEqual(destroyed.slice(0, 2), ['RDM DeleteMessageContact', 'RDM DeleteMessageContact']);
      assert.deepEqual(destroyed.filter((s) => s !== 'RM GetAccountDeletionStatus' && s !== 'RM GetAccount').slice(2), [
        'RM DeleteAccount', 'RM DeleteAccount',
        'RM CheckAccountDelete', 'RM GetAccountDeletionCheckResult', 'RM GetAccountDeletionCheckResult', 'RM DeleteAccount',
        'RM DeleteFolder', 'RM DeleteFolder', 'RM DestroyResourceDirectory',
      ]);
      await assert.rejects(tf.readDirectory(), (err: any) => err.code === 'ResourceDirectoryNotInUse' && err.statusCode === 404);
      if (!server) return;
      // Nothing of the directory is left: no member, binding, retained contact, payer or setting.
      const db = server.store;
      assert.equal(await db.directories.directoryOf(target.rootAccountId), undefined);
      for (const id of Object.values(ids.accounts)) {
        assert.deepEqual(await db.coverage.retainedOf(id), []);
        assert.equal(await db.lifecycle.payerOf(id), undefined);
        assert.equal(await db.accounts.isMemberAccount(id), false);
      }
      assert.deepEqual((await db.settings.settingsOf(rd.ResourceDirectoryId)).memberDeletionStatus, 'Disabled');
    });
  });
}

landingZone('Terraform: a landing zone applied, refreshed, updated, imported and destroyed through the provider\'s calls', {}, async () => {
  const server = await startTestServer();
  return { urls: [server.url], creds: server.creds, rootAccountId: server.root.accountId, server, stop: () => server.stop() };
});

// The provider block's assume_role: a RAM user's key is traded for STS credentials (AssumeRole, product Sts), and
// every call of the landing zone is signed with them, SecurityToken included, under the role's policies.
landingZone('Terraform with assume_role: the same landing zone with the STS credentials of a role', {}, async () => {
  const account = '3456789012345678';
  const file = writeIdentities({
    accounts: [
      {
        accountId: account,
        ramUsers: [{ name: 'terraform', accessKeys: [key('LTAIterraform0001')], policies: ['AliyunSTSAssumeRoleAccess'] }],
        roles: [
          {
            name: 'landing-zone-admin',
            trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${account}:user/terraform`] } }] },
            policies: ['AliyunResourceDirectoryFullAccess'],
          },
        ],
      },
    ],
  });
  const server = await startTestServer({ RDC_ROOT_ACCOUNT_ID: account, RDC_IDENTITIES_FILE: file });
  const assumed = await makeClient('openapi-core-v3', server.url, credsOf('LTAIterraform0001'), '2015-04-01')('AssumeRole', {
    RoleArn: `acs:ram::${account}:role/landing-zone-admin`,
    RoleSessionName: 'terraform',
    DurationSeconds: 3600,
  });
  const c = assumed.Credentials;
  assert.match(c.AccessKeyId, /^STS\./);
  return {
    urls: [server.url],
    creds: { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken },
    rootAccountId: account,
    server,
    stop: () => server.stop(),
  };
});

// Each provider call goes to the other node: every read after a write is answered by the node that did not write.
landingZone('Terraform across two nodes over one PostgreSQL database: the same landing zone, calls alternating', { skip: POSTGRES_ONLY }, async () => {
  const root = { RDC_ROOT_ACCOUNT_ID: '2345678901234567', RDC_ROOT_ACCESS_KEY_ID: 'LTAI5tTerraformNodes01', RDC_ROOT_ACCESS_KEY_SECRET: 'TerraformNodesSecret0123456789' };
  const database = await freshTestDatabase();
  const dirs = [mkdtempSync(join(tmpdir(), 'rdc-tf-node-')), mkdtempSync(join(tmpdir(), 'rdc-tf-node-'))];
  const nodes = await Promise.all(dirs.map((dir) => spawnServe({ ...root, RDC_DATA_DIR: dir, RDC_DATABASE_URL: database.url })));
  return {
    urls: nodes.map((n) => n.url),
    creds: { accessKeyId: root.RDC_ROOT_ACCESS_KEY_ID, accessKeySecret: root.RDC_ROOT_ACCESS_KEY_SECRET },
    rootAccountId: root.RDC_ROOT_ACCOUNT_ID,
    server: undefined,
    async stop() {
      killServes();
      await Promise.all(nodes.map((n) => n.exited));
      await database.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
});
