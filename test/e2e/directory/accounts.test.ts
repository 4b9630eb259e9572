import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServerWithDirectory, startTestServer, type TestServer } from '../../support/server.js';
import type { Call, ClientName } from '../../support/clients.js';
import { rejectsWith } from '../../support/api-errors.js';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MODES: ClientName[] = ['openapi-core-v3', 'pop-core-post'];
const CREATE_FIELDS = ['AccountId', 'AccountName', 'DisplayName', 'FolderId', 'JoinMethod', 'JoinTime', 'ModifyTime', 'ResourceDirectoryId', 'Status', 'Type'];
const GET_FIELDS = [
  'AccountId', 'AccountName', 'DisplayName', 'EmailStatus', 'FolderId', 'HasSecureMobilePhone', 'IdentityInformation', 'JoinMethod', 'JoinTime',
  'Location', 'ModifyTime', 'ResourceDirectoryId', 'ResourceDirectoryPath', 'SecureMobilePhone', 'Status', 'Tags', 'Type',
];

describe('member accounts: CreateResourceAccount, GetAccount, MoveAccount', () => {
  let server: TestServer;
  let call: Call;
  let rootId: string;
  let rdId: string;
  let folderA: string;
  let folderB: string;

  before(async () => {
    ({ server, call, rootId, rdId } = await startServerWithDirectory());
    folderA = (await call('CreateFolder', { FolderName: 'A' })).Folder.FolderId;
    folderB = (await call('CreateFolder', { FolderName: 'B', ParentFolderId: folderA })).Folder.FolderId;
  });
  after(() => server.stop());

  for (const mode of MODES) {
    it(`${mode}: CreateResourceAccount answers the documented Account object`, async () => {
      const body = await server.client(mode)('CreateResourceAccount', { DisplayName: `dev ${mode}`, AccountNamePrefix: `dev-${mode.slice(0, 3)}` });
      assert.deepEqual(Object.keys(body).sort(), ['Account', 'RequestId']);
      const a = body.Account;
      assert.deepEqual(Object.keys(a).sort(), CREATE_FIELDS);
      assert.match(a.AccountId, /^[1-9]\d{15}$/);
      assert.equal(a.AccountName, `dev-${mode.slice(0, 3)}@${rdId.toLowerCase()}.aliyunid.com`);
      assert.equal(a.DisplayName, `dev ${mode}`);
      assert.equal(a.FolderId, rootId);
      assert.equal(a.JoinMethod, 'created');
      assert.equal(a.Status, 'CreateSuccess');
      assert.equal(a.Type, 'ResourceAccount');
      assert.equal(a.ResourceDirectoryId, rdId);
      assert.match(a.JoinTime, ISO_MS);
      assert.equal(a.ModifyTime, a.JoinTime);
    });
  }

  it('CreateResourceAccount in a folder, with a generated account name when no prefix is given', async () => {
    const a = (await call('CreateResourceAccount', { DisplayName: '财务 team', ParentFolderId: folderB })).Account;
    assert.equal(a.FolderId, folderB);
    assert.match(a.AccountName, new RegExp(`^[a-z0-9]{12}@${rdId.toLowerCase()}\\.aliyunid\\.com$`));
    assert.equal(a.DisplayName, '财务 team');
  });

  it('CreateResourceAccount with DryRun checks but creates nothing', async () => {
    const dry = (await call('CreateResourceAccount', { DisplayName: 'dry run', AccountNamePrefix: 'dry', DryRun: true })).Account;
    assert.match(dry.AccountId, /^[1-9]\d{15}$/);
    await rejectsWith(call('GetAccount', { AccountId: dry.AccountId }), 'EntityNotExists.Account', 404);
    const real = (await call('CreateResourceAccount', { DisplayName: 'dry run', AccountNamePrefix: 'dry' })).Account;
    assert.equal(real.AccountName, `dry@${rdId.toLowerCase()}.aliyunid.com`);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'dry run', DryRun: true }), 'InvalidParameter.Account.DisplayName.AlreadyUsed', 409);
  });

  it('CreateResourceAccount rejects bad input with the documented codes', async () => {
    await rejectsWith(call('CreateResourceAccount', {}), 'MissingParameter.Account.DisplayName', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: '' }), 'MissingParameter.Account.DisplayName', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'bad/name' }), 'InvalidParameter.Account.DisplayName', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'a' }), 'InvalidParameter.Account.DisplayName.Length', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'x'.repeat(51) }), 'InvalidParameter.Account.DisplayName.Length', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', ParentFolderId: 'fd-1' }), 'InvalidParameter.ParentFolderId', 400);
    for (const prefix of ['-abc', 'abc_', 'a..b', 'a_-b', 'ab c', 'ab@c']) {
      await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', AccountNamePrefix: prefix }), 'InvalidParameter.Account.AccountNamePrefix', 400);
    }
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', AccountNamePrefix: 'a' }), 'InvalidParameter.Account.AccountNamePrefix.Length', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', AccountNamePrefix: 'a'.repeat(51) }), 'InvalidParameter.Account.AccountNamePrefix.Length', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', ParentFolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', ResellAccountType: 'other' }), 'InvalidParameter.ResellAccountType', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', ResellAccountType: 'resell' }), 'NotSupport.SettingResellAccountType', 409);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', Tag: [{ Key: 'aliyun-x', Value: '1' }] }), 'InvalidParameter.Tag', 400);
    // Table order: the display name is checked before ParentFolderId, ParentFolderId before the prefix.
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'a', ParentFolderId: 'bogus' }), 'InvalidParameter.Account.DisplayName.Length', 400);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'okay', ParentFolderId: 'bogus', AccountNamePrefix: '-' }), 'InvalidParameter.ParentFolderId', 400);
  });

  it('CreateResourceAccount keeps display names and account names unique', async () => {
    await call('CreateResourceAccount', { DisplayName: 'unique one', AccountNamePrefix: 'alice' });
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'unique one' }), 'InvalidParameter.Account.DisplayName.AlreadyUsed', 409);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'unique two', AccountNamePrefix: 'alice' }), 'EntityAlreadyExists.ResourceDirectory.Account', 409);
    // Account names are email addresses: case does not make them different.
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'unique two', AccountNamePrefix: 'Alice' }), 'EntityAlreadyExists.ResourceDirectory.Account', 409);
  });

  it('CreateResourceAccount accepts the management account or a member as payer, nothing else', async () => {
    const member = (await call('CreateResourceAccount', { DisplayName: 'payer member' })).Account.AccountId;
    assert.ok((await call('CreateResourceAccount', { DisplayName: 'paid by member', PayerAccountId: member })).Account.AccountId);
    assert.ok((await call('CreateResourceAccount', { DisplayName: 'paid by manager', PayerAccountId: server.root.accountId })).Account.AccountId);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'paid by nobody', PayerAccountId: '1234567890123456' }), 'NotSupport.PayerAccountInAnotherResourceDirectory', 409);
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'paid by nobody', PayerAccountId: 'x' }), 'NotSupport.PayerAccountInAnotherResourceDirectory', 409);
  });

  for (const mode of MODES) {
    it(`${mode}: GetAccount answers every documented field, Tags as a plain array`, async () => {
      const created = (
        await call('CreateResourceAccount', { DisplayName: `tagged ${mode}`, ParentFolderId: folderB, Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: '' }] })
      ).Account;
      const get = server.client(mode);
      const plain = (await get('GetAccount', { AccountId: created.AccountId })).Account;
      assert.deepEqual(Object.keys(plain).sort(), GET_FIELDS);
      assert.equal(JSON.stringify(plain.Tags), '[]');
      for (const field of CREATE_FIELDS) assert.equal(plain[field], created[field], field);
      assert.equal(plain.ResourceDirectoryPath, `${rdId}/${rootId}/${folderA}/${folderB}/${created.AccountId}`);
      assert.equal(plain.Location, 'Root/A/B');
      assert.equal(plain.EmailStatus, '');
      assert.equal(plain.HasSecureMobilePhone, false);
      assert.equal(plain.IdentityInformation, '');
      assert.equal(plain.SecureMobilePhone, '');
      const tagged = (await get('GetAccount', { AccountId: created.AccountId, IncludeTags: true })).Account;
      assert.equal(JSON.stringify(tagged.Tags), JSON.stringify([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: '' }]));
    });
  }

  it('GetAccount rejects bad input with the documented codes', async () => {
    await rejectsWith(call('GetAccount', {}), 'MissingParameter.AccountId', 400);
    await rejectsWith(call('GetAccount', { AccountId: '12345' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('GetAccount', { AccountId: 'fd-0000000000' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('GetAccount', { AccountId: '1234567890123456' }), 'EntityNotExists.Account', 404);
    await rejectsWith(call('GetAccount', { AccountId: server.root.accountId }), 'EntityNotExists.Account', 404);
  });

  it('MoveAccount moves a member; GetAccount shows the new folder, path and modify time', async () => {
    const a = (await call('CreateResourceAccount', { DisplayName: 'mover' })).Account;
    await new Promise((r) => setTimeout(r, 5));
    for (const mode of MODES) {
      const body = await server.client(mode)('MoveAccount', { AccountId: a.AccountId, DestinationFolderId: mode === 'pop-core-post' ? folderB : folderA });
      assert.deepEqual(Object.keys(body), ['RequestId']);
    }
    const moved = (await call('GetAccount', { AccountId: a.AccountId })).Account;
    assert.equal(moved.FolderId, folderB);
    assert.equal(moved.ResourceDirectoryPath, `${rdId}/${rootId}/${folderA}/${folderB}/${a.AccountId}`);
    assert.equal(moved.JoinTime, a.JoinTime);
    assert.ok(moved.ModifyTime > a.ModifyTime, 'ModifyTime advances');
    await call('MoveAccount', { AccountId: a.AccountId, DestinationFolderId: rootId });
    const back = (await call('GetAccount', { AccountId: a.AccountId })).Account;
    assert.equal(back.ResourceDirectoryPath, `${rdId}/${rootId}/${a.AccountId}`);
    assert.equal(back.Location, 'Root');
    // Moving to the folder it is in changes nothing.
    await call('MoveAccount', { AccountId: a.AccountId, DestinationFolderId: rootId });
    assert.equal((await call('GetAccount', { AccountId: a.AccountId })).Account.ModifyTime, back.ModifyTime);
  });

  it('MoveAccount rejects bad input with the documented codes, in table order', async () => {
    const a = (await call('CreateResourceAccount', { DisplayName: 'stays put' })).Account.AccountId;
    await rejectsWith(call('MoveAccount', { DestinationFolderId: folderA }), 'MissingParameter.AccountId', 400);
    await rejectsWith(call('MoveAccount', { AccountId: 'abc', DestinationFolderId: folderA }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('MoveAccount', { AccountId: a }), 'MissingParameter.DestinationFolderId', 400);
    await rejectsWith(call('MoveAccount', { AccountId: a, DestinationFolderId: 'fd-x' }), 'InvalidParameter.DestinationFolderId', 400);
    await rejectsWith(call('MoveAccount', { AccountId: 'abc' }), 'InvalidParameter.AccountId', 400);
    await rejectsWith(call('MoveAccount', { AccountId: '1234567890123456', DestinationFolderId: 'fd-0000000000' }), 'EntityNotExists.Account', 404);
    await rejectsWith(call('MoveAccount', { AccountId: a, DestinationFolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    assert.equal((await call('GetAccount', { AccountId: a })).Account.FolderId, rootId);
  });

  it('without a directory: CreateResourceAccount answers EntityNotExists.ResourceDirectory; GetAccount and MoveAccount EntityNotExists.Account (first in their tables)', async () => {
    const other = server.addTenant();
    const stranger = server.client('openapi-core-v3', other.creds);
    await rejectsWith(stranger('CreateResourceAccount', { DisplayName: 'nobody' }), 'EntityNotExists.ResourceDirectory', 404);
    await rejectsWith(stranger('GetAccount', { AccountId: '1234567890123456' }), 'EntityNotExists.Account', 404);
    await rejectsWith(stranger('MoveAccount', { AccountId: '1234567890123456', DestinationFolderId: rootId }), 'EntityNotExists.Account', 404);
  });
});

describe('member accounts: the member limit', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ RDC_MAX_ACCOUNTS_PER_DIRECTORY: '2' });
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(() => server.stop());

  it('answers LimitExceeded.Account beyond RDC_MAX_ACCOUNTS_PER_DIRECTORY', async () => {
    const call = server.client('pop-core-post');
    await call('CreateResourceAccount', { DisplayName: 'one' });
    await call('CreateResourceAccount', { DisplayName: 'two' });
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'three' }), 'LimitExceeded.Account', 409);
    // The limit comes after the folder check in the table.
    await rejectsWith(call('CreateResourceAccount', { DisplayName: 'three', ParentFolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
  });
});

const LIST_FIELDS = ['AccountId', 'AccountName', 'DeletionStatus', 'DisplayName', 'FolderId', 'JoinMethod', 'JoinTime', 'ModifyTime', 'ResourceDirectoryId', 'Status', 'Tags', 'Type'];

describe('member accounts: ListAccounts and ListAccountsForParent', () => {
  let server: TestServer;
  let call: Call;
  let rootId: string;
  let rdId: string;
  let folder: string;
  /** Accounts in creation order: 3 in Root, then 2 in `folder`. */
  const ids: string[] = [];

  before(async () => {
    ({ server, call, rootId, rdId } = await startServerWithDirectory());
    folder = (await call('CreateFolder', { FolderName: 'Ops' })).Folder.FolderId;
    const specs = [
      { DisplayName: 'Web Prod', AccountNamePrefix: 'webprod', Tag: [{ Key: 'env', Value: 'prod' }] },
      { DisplayName: 'Web Test', AccountNamePrefix: 'webtest', Tag: [{ Key: 'env', Value: 'test' }] },
      { DisplayName: 'Billing', AccountNamePrefix: 'billing' },
      { DisplayName: 'Ops Prod', AccountNamePrefix: 'opsprod', ParentFolderId: folder, Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }] },
      { DisplayName: 'Ops Lab', AccountNamePrefix: 'opslab', ParentFolderId: folder },
    ];
    for (const spec of specs) {
      ids.push((await call('CreateResourceAccount', spec)).Account.AccountId);
      // Lists order by join time, then ID: keep the join times apart so the order is creation order.
      await new Promise((r) => setTimeout(r, 2));
    }
  });
  after(() => server.stop());

  for (const mode of MODES) {
    it(`${mode}: ListAccounts answers wrapped lists with every documented field`, async () => {
      const body = await server.client(mode)('ListAccounts', { IncludeTags: true });
      assert.deepEqual(Object.keys(body).sort(), ['Accounts', 'NextToken', 'PageNumber', 'PageSize', 'RequestId', 'TotalCount']);
      assert.deepEqual(Object.keys(body.Accounts), ['Account']);
      assert.equal(body.TotalCount, 5);
      assert.equal(body.PageNumber, 1);
      assert.equal(body.PageSize, 10);
      assert.equal(body.NextToken, '');
      assert.deepEqual(body.Accounts.Account.map((a: any) => a.AccountId), ids);
      for (const a of body.Accounts.Account) {
        assert.deepEqual(Object.keys(a).sort(), [...LIST_FIELDS, 'ResourceDirectoryPath'].sort());
        assert.equal(a.DeletionStatus, '');
        assert.equal(a.ResourceDirectoryId, rdId);
        assert.equal(a.Type, 'ResourceAccount');
        assert.equal(a.ResourceDirectoryPath, a.FolderId === rootId ? `${rdId}/${rootId}/${a.AccountId}` : `${rdId}/${rootId}/${folder}/${a.AccountId}`);
      }
      const opsProd = body.Accounts.Account[3];
      assert.equal(opsProd.AccountName, `opsprod@${rdId.toLowerCase()}.aliyunid.com`);
      assert.equal(JSON.stringify(opsProd.Tags), JSON.stringify({ Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }] }));
      assert.equal(JSON.stringify(body.Accounts.Account[2].Tags), '{"Tag":[]}');
    });
  }

  it('ListAccounts leaves tags out unless IncludeTags is true', async () => {
    const body = await call('ListAccounts', {});
    assert.equal(JSON.stringify(body.Accounts.Account[3].Tags), '{"Tag":[]}');
  });

  it('ListAccounts pages by PageNumber/PageSize', async () => {
    const p1 = await call('ListAccounts', { PageSize: 2 });
    const p3 = await call('ListAccounts', { PageSize: 2, PageNumber: 3 });
    const p4 = await call('ListAccounts', { PageSize: 2, PageNumber: 4 });
    assert.deepEqual(p1.Accounts.Account.map((a: any) => a.AccountId), ids.slice(0, 2));
    assert.deepEqual(p3.Accounts.Account.map((a: any) => a.AccountId), ids.slice(4));
    assert.deepEqual(p4.Accounts.Account, []);
    assert.deepEqual([p1.TotalCount, p3.PageNumber, p3.PageSize, p4.TotalCount], [5, 3, 2, 5]);
  });

  for (const mode of MODES) {
    it(`${mode}: ListAccounts pages by MaxResults/NextToken`, async () => {
      const list = server.client(mode);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const body = await list('ListAccounts', { MaxResults: 2, NextToken: token });
        assert.equal(body.TotalCount, 5);
        assert.equal(body.PageSize, 2);
        seen.push(...body.Accounts.Account.map((a: any) => a.AccountId));
        token = body.NextToken || undefined;
        pages++;
      } while (token && pages < 10);
      assert.equal(pages, 3);
      assert.deepEqual(seen, ids);
      // A NextToken alone keeps the default MaxResults of 10.
      const first = await list('ListAccounts', { MaxResults: 1 });
      const rest = await list('ListAccounts', { NextToken: first.NextToken });
      assert.deepEqual(rest.Accounts.Account.map((a: any) => a.AccountId), ids.slice(1));
      assert.equal(rest.NextToken, '');
    });
  }

  it('ListAccounts filters by QueryKeyword (display name, account name, ID) and tags', async () => {
    const found = async (params: Record<string, any>) => (await call('ListAccounts', params)).Accounts.Account.map((a: any) => a.AccountId);
    assert.deepEqual(await found({ QueryKeyword: 'web' }), ids.slice(0, 2));
    assert.deepEqual(await found({ QueryKeyword: 'PROD' }), [ids[0], ids[3]]);
    assert.deepEqual(await found({ QueryKeyword: 'billing@' }), [ids[2]]);
    assert.deepEqual(await found({ QueryKeyword: ids[4] }), [ids[4]]);
    assert.deepEqual(await found({ Tag: [{ Key: 'env', Value: 'prod' }] }), [ids[0], ids[3]]);
    assert.deepEqual(await found({ Tag: [{ Key: 'env' }] }), [ids[0], ids[1], ids[3]]);
    assert.deepEqual(await found({ Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }] }), [ids[3]]);
    assert.deepEqual(await found({ Tag: [{ Key: 'env', Value: 'prod' }], QueryKeyword: 'web' }), [ids[0]]);
    assert.equal((await call('ListAccounts', { Tag: [{ Key: 'env' }], PageSize: 1 })).TotalCount, 3);
  });

  it('ListAccounts rejects bad paging', async () => {
    await rejectsWith(call('ListAccounts', { PageNumber: 0 }), 'InvalidParameter.PageNumber', 400);
    await rejectsWith(call('ListAccounts', { PageSize: 101 }), 'InvalidParameter.PageSize', 400);
    await rejectsWith(call('ListAccounts', { MaxResults: 0 }), 'InvalidParameter.MaxResults', 400);
    await rejectsWith(call('ListAccounts', { MaxResults: 101 }), 'InvalidParameter.MaxResults', 400);
    await rejectsWith(call('ListAccounts', { NextToken: 'garbage!' }), 'InvalidParameter.NextToken', 400);
    await rejectsWith(call('ListAccounts', { NextToken: Buffer.from('1:2').toString('base64url') }), 'InvalidParameter.NextToken', 400);
  });

  for (const mode of MODES) {
    it(`${mode}: ListAccountsForParent lists the members directly in a folder, without ResourceDirectoryPath`, async () => {
      const list = server.client(mode);
      const body = await list('ListAccountsForParent', { ParentFolderId: folder, IncludeTags: true });
      assert.deepEqual(Object.keys(body).sort(), ['Accounts', 'PageNumber', 'PageSize', 'RequestId', 'TotalCount']);
      assert.deepEqual(Object.keys(body.Accounts), ['Account']);
      assert.deepEqual(body.Accounts.Account.map((a: any) => a.AccountId), ids.slice(3));
      for (const a of body.Accounts.Account) assert.deepEqual(Object.keys(a).sort(), LIST_FIELDS);
      assert.equal(JSON.stringify(body.Accounts.Account[0].Tags), JSON.stringify({ Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'ops' }] }));
      assert.equal(body.TotalCount, 2);
      const root = await list('ListAccountsForParent', {});
      assert.deepEqual(root.Accounts.Account.map((a: any) => a.AccountId), ids.slice(0, 3));
    });
  }

  it('ListAccountsForParent pages and filters', async () => {
    const p2 = await call('ListAccountsForParent', { ParentFolderId: rootId, PageSize: 2, PageNumber: 2 });
    assert.deepEqual(p2.Accounts.Account.map((a: any) => a.AccountId), [ids[2]]);
    assert.equal(p2.TotalCount, 3);
    const prod = await call('ListAccountsForParent', { ParentFolderId: folder, Tag: [{ Key: 'team', Value: 'ops' }] });
    assert.deepEqual(prod.Accounts.Account.map((a: any) => a.AccountId), [ids[3]]);
    const lab = await call('ListAccountsForParent', { ParentFolderId: folder, QueryKeyword: 'lab' });
    assert.deepEqual(lab.Accounts.Account.map((a: any) => a.AccountId), [ids[4]]);
    const empty = await call('ListAccountsForParent', { ParentFolderId: (await call('CreateFolder', { FolderName: 'Empty' })).Folder.FolderId });
    assert.deepEqual([empty.Accounts, empty.TotalCount], [{ Account: [] }, 0]);
  });

  it('ListAccountsForParent rejects bad input with the documented codes', async () => {
    await rejectsWith(call('ListAccountsForParent', { ParentFolderId: '123' }), 'InvalidParameter.ParentFolderId', 400);
    await rejectsWith(call('ListAccountsForParent', { ParentFolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    await rejectsWith(call('ListAccountsForParent', { PageSize: 0 }), 'InvalidParameter.PageSize', 400);
  });
});
