import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServerWithDirectory, startTestServer, type TestServer } from '../../support/server.js';
import type { Call, ClientName } from '../../support/clients.js';
import { rejectsWith } from '../../support/api-errors.js';

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MODES: ClientName[] = ['openapi-core-v3', 'pop-core-post'];

describe('folders: CreateFolder and ListAncestors', () => {
  let server: TestServer;
  let call: Call;
  let rootId: string;
  let rdId: string;

  before(async () => {
    ({ server, call, rootId, rdId } = await startServerWithDirectory());
  });
  after(() => server.stop());

  for (const mode of MODES) {
    it(`${mode}: CreateFolder answers the documented Folder object, under Root by default`, async () => {
      const body = await server.client(mode)('CreateFolder', { FolderName: `研发-dev_1.0${mode.length}` });
      assert.deepEqual(Object.keys(body).sort(), ['Folder', 'RequestId']);
      assert.deepEqual(Object.keys(body.Folder).sort(), ['CreateTime', 'FolderId', 'FolderName', 'ParentFolderId']);
      assert.match(body.Folder.FolderId, /^fd-[0-9A-Za-z]{10}$/);
      assert.equal(body.Folder.FolderName, `研发-dev_1.0${mode.length}`);
      assert.equal(body.Folder.ParentFolderId, rootId);
      assert.match(body.Folder.CreateTime, ISO_MS);
    });
  }

  it('CreateFolder under a given parent; an empty ParentFolderId means Root', async () => {
    const parent = (await call('CreateFolder', { FolderName: 'parent', ParentFolderId: '' })).Folder;
    assert.equal(parent.ParentFolderId, rootId);
    const child = (await call('CreateFolder', { FolderName: 'child', ParentFolderId: parent.FolderId })).Folder;
    assert.equal(child.ParentFolderId, parent.FolderId);
    // The same name is fine under another parent.
    const again = (await call('CreateFolder', { FolderName: 'child', ParentFolderId: rootId })).Folder;
    assert.equal(again.ParentFolderId, rootId);
  });

  it('CreateFolder accepts 24 characters, Chinese counted as one each', async () => {
    const name = '部'.repeat(24);
    assert.equal((await call('CreateFolder', { FolderName: name })).Folder.FolderName, name);
    assert.equal((await call('CreateFolder', { FolderName: 'x'.repeat(24) })).Folder.FolderName, 'x'.repeat(24));
  });

  it('CreateFolder rejects bad input with the documented codes', async () => {
    await rejectsWith(call('CreateFolder', {}), 'MissingParameter.Folder.Name', 400);
    await rejectsWith(call('CreateFolder', { FolderName: '' }), 'MissingParameter.Folder.Name', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'a b' }), 'InvalidParameter.Folder.Name', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'a/b' }), 'InvalidParameter.Folder.Name', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'x'.repeat(25) }), 'InvalidParameter.Folder.Name.Length', 400);
    await rejectsWith(call('CreateFolder', { FolderName: '部'.repeat(25) }), 'InvalidParameter.Folder.Name.Length', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'ok', ParentFolderId: 'fd-123' }), 'InvalidParameter.ParentFolderId', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'ok', ParentFolderId: 'rd-abcdef' }), 'InvalidParameter.ParentFolderId', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'ok', ParentFolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    await rejectsWith(call('CreateFolder', { FolderName: 'ok', Tag: [{ Key: '', Value: 'v' }] }), 'InvalidParameter.Tag', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'ok', Tag: [{ Key: 'acs:x', Value: 'v' }] }), 'InvalidParameter.Tag', 400);
    await rejectsWith(
      call('CreateFolder', { FolderName: 'ok', Tag: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] }),
      'InvalidParameter.Tag',
      400,
    );
  });

  it('CreateFolder checks in the order of its error table', async () => {
    // ParentFolderId comes before the name checks; the characters before the length.
    await rejectsWith(call('CreateFolder', { ParentFolderId: 'bogus' }), 'InvalidParameter.ParentFolderId', 400);
    await rejectsWith(call('CreateFolder', { FolderName: 'a b'.repeat(10) }), 'InvalidParameter.Folder.Name', 400);
  });

  it('CreateFolder refuses a sibling with the same name (case-sensitive)', async () => {
    const parent = (await call('CreateFolder', { FolderName: 'siblings' })).Folder.FolderId;
    await call('CreateFolder', { FolderName: 'team', ParentFolderId: parent });
    await rejectsWith(call('CreateFolder', { FolderName: 'team', ParentFolderId: parent }), 'InvalidParameter.Folder.Name.AlreadyUsed', 400);
    assert.equal((await call('CreateFolder', { FolderName: 'Team', ParentFolderId: parent })).Folder.FolderName, 'Team');
  });

  it('folders nest 5 levels below Root, not 6', async () => {
    let parent = rootId;
    for (let level = 1; level <= 5; level++) parent = (await call('CreateFolder', { FolderName: `depth${level}`, ParentFolderId: parent })).Folder.FolderId;
    await rejectsWith(call('CreateFolder', { FolderName: 'depth6', ParentFolderId: parent }), 'LimitExceeded.Folder.Depth', 409);
  });

  it('ListAncestors lists the folders above, Root first, the folder itself excluded', async () => {
    const ids: string[] = [];
    const names = ['anc1', 'anc2', 'anc3', 'anc4', 'anc5'];
    let parent = rootId;
    for (const name of names) {
      parent = (await call('CreateFolder', { FolderName: name, ParentFolderId: parent })).Folder.FolderId;
      ids.push(parent);
    }
    for (const mode of MODES) {
      const body = await server.client(mode)('ListAncestors', { ChildId: ids[4] });
      assert.deepEqual(Object.keys(body).sort(), ['Folders', 'RequestId']);
      assert.deepEqual(Object.keys(body.Folders), ['Folder']);
      assert.deepEqual(
        body.Folders.Folder.map((f: any) => [f.FolderId, f.FolderName]),
        [[rootId, 'Root'], ...ids.slice(0, 4).map((id, i) => [id, names[i]])],
      );
      for (const f of body.Folders.Folder) {
        assert.deepEqual(Object.keys(f).sort(), ['CreateTime', 'FolderId', 'FolderName']);
        assert.match(f.CreateTime, ISO_MS);
      }
    }
    assert.deepEqual((await call('ListAncestors', { ChildId: ids[0] })).Folders.Folder.map((f: any) => f.FolderId), [rootId]);
    assert.deepEqual((await call('ListAncestors', { ChildId: rootId })).Folders, { Folder: [] });
    // pop-core parses with json-bigint (objects without prototype): compare the JSON.
    assert.equal(JSON.stringify((await server.client('pop-core-post')('ListAncestors', { ChildId: rootId })).Folders), '{"Folder":[]}');
  });

  it('ListAncestors rejects bad input with the documented codes', async () => {
    await rejectsWith(call('ListAncestors', {}), 'MissingParameter.ChildId', 400);
    await rejectsWith(call('ListAncestors', { ChildId: 'fd-abc' }), 'InvalidParameter.ChildId', 400);
    await rejectsWith(call('ListAncestors', { ChildId: '1234567890123456' }), 'InvalidParameter.ChildId', 400);
    await rejectsWith(call('ListAncestors', { ChildId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    await rejectsWith(call('ListAncestors', { ChildId: 'r-000000' }), 'EntityNotExists.Folder', 404);
  });

  it('without a directory, folder operations answer EntityNotExists.ResourceDirectory', async () => {
    const other = server.addTenant();
    const stranger = server.client('pop-core-post', other.creds);
    await rejectsWith(stranger('CreateFolder', { FolderName: 'x' }), 'EntityNotExists.ResourceDirectory', 404);
    await rejectsWith(stranger('ListAncestors', { ChildId: rootId }), 'EntityNotExists.ResourceDirectory', 404);
    assert.ok(rdId.startsWith('rd-'));
  });
});

describe('folders: the folder quota', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ RDC_MAX_FOLDERS_PER_DIRECTORY: '2' });
    await server.client()('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
  });
  after(() => server.stop());

  it('answers QuotaExceeded.Folder.Count beyond RDC_MAX_FOLDERS_PER_DIRECTORY (Root not counted)', async () => {
    const call = server.client();
    await call('CreateFolder', { FolderName: 'one' });
    await call('CreateFolder', { FolderName: 'two' });
    await rejectsWith(call('CreateFolder', { FolderName: 'three' }), 'QuotaExceeded.Folder.Count', 409);
  });
});

describe('folders: GetFolder, ListFoldersForParent, UpdateFolder, DeleteFolder', () => {
  let server: TestServer;
  let call: Call;
  let rootId: string;
  let rdId: string;

  before(async () => {
    ({ server, call, rootId, rdId } = await startServerWithDirectory());
  });
  after(() => server.stop());

  for (const mode of MODES) {
    it(`${mode}: GetFolder answers the folder with its ResourceDirectoryPath`, async () => {
      const a = (await call('CreateFolder', { FolderName: `get-a-${mode}` })).Folder;
      const b = (await call('CreateFolder', { FolderName: 'get-b', ParentFolderId: a.FolderId })).Folder;
      const body = await server.client(mode)('GetFolder', { FolderId: b.FolderId });
      assert.deepEqual(Object.keys(body).sort(), ['Folder', 'RequestId']);
      assert.deepEqual(Object.keys(body.Folder).sort(), ['CreateTime', 'FolderId', 'FolderName', 'ParentFolderId', 'ResourceDirectoryPath']);
      assert.equal(body.Folder.FolderId, b.FolderId);
      assert.equal(body.Folder.FolderName, 'get-b');
      assert.equal(body.Folder.ParentFolderId, a.FolderId);
      assert.equal(body.Folder.CreateTime, b.CreateTime);
      assert.equal(body.Folder.ResourceDirectoryPath, `${rdId}/${rootId}/${a.FolderId}/${b.FolderId}`);
    });
  }

  it('GetFolder of Root: no parent, the path is the directory and Root', async () => {
    const root = (await call('GetFolder', { FolderId: rootId })).Folder;
    assert.equal(root.FolderName, 'Root');
    assert.equal(root.ParentFolderId, '');
    assert.equal(root.ResourceDirectoryPath, `${rdId}/${rootId}`);
  });

  it('GetFolder rejects bad input with the documented codes', async () => {
    await rejectsWith(call('GetFolder', {}), 'MissingParameter.FolderId', 400);
    await rejectsWith(call('GetFolder', { FolderId: '' }), 'InvalidParameter.FolderId', 400);
    await rejectsWith(call('GetFolder', { FolderId: 'fd-00000000001' }), 'InvalidParameter.FolderId', 400);
    await rejectsWith(call('GetFolder', { FolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
  });

  for (const mode of MODES) {
    it(`${mode}: ListFoldersForParent answers wrapped lists (Folders.Folder, Tags.Tag) with paging`, async () => {
      const parent = (await call('CreateFolder', { FolderName: `list-${mode}` })).Folder.FolderId;
      const created: any[] = [];
      for (let i = 1; i <= 3; i++) {
        const tags = i === 2 ? [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }] : [];
        created.push((await call('CreateFolder', { FolderName: `child${i}`, ParentFolderId: parent, Tag: tags })).Folder);
        // Lists order by creation time, then ID: keep the creation times apart so the order is creation order.
        await new Promise((r) => setTimeout(r, 2));
      }
      const made = created.map((f) => f.FolderId);
      // A grandchild is not a direct child.
      await call('CreateFolder', { FolderName: 'grandchild', ParentFolderId: made[0] });
      const list = server.client(mode);
      const page1 = await list('ListFoldersForParent', { ParentFolderId: parent, PageSize: 2 });
      assert.deepEqual(Object.keys(page1).sort(), ['Folders', 'PageNumber', 'PageSize', 'RequestId', 'TotalCount']);
      assert.deepEqual(Object.keys(page1.Folders), ['Folder']);
      assert.equal(page1.PageNumber, 1);
      assert.equal(page1.PageSize, 2);
      assert.equal(page1.TotalCount, 3);
      assert.deepEqual(page1.Folders.Folder.map((f: any) => f.FolderId), made.slice(0, 2));
      for (const f of page1.Folders.Folder) assert.deepEqual(Object.keys(f).sort(), ['CreateTime', 'FolderId', 'FolderName', 'Tags']);
      assert.equal(JSON.stringify(page1.Folders.Folder[0].Tags), '{"Tag":[]}');
      assert.equal(JSON.stringify(page1.Folders.Folder[1].Tags), JSON.stringify({ Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'owner', Value: 'ops' }] }));
      const page2 = await list('ListFoldersForParent', { ParentFolderId: parent, PageSize: 2, PageNumber: 2 });
      assert.deepEqual(page2.Folders.Folder.map((f: any) => f.FolderId), made.slice(2));
      assert.equal(page2.PageNumber, 2);
      const page9 = await list('ListFoldersForParent', { ParentFolderId: parent, PageSize: 2, PageNumber: 9 });
      assert.equal(JSON.stringify(page9.Folders), '{"Folder":[]}');
      assert.equal(page9.TotalCount, 3);
    });
  }

  it('ListFoldersForParent filters by QueryKeyword (substring, any case) and by tags', async () => {
    const parent = (await call('CreateFolder', { FolderName: 'filters' })).Folder.FolderId;
    const web = (await call('CreateFolder', { FolderName: 'WebTeam', ParentFolderId: parent, Tag: [{ Key: 'env', Value: 'prod' }] })).Folder.FolderId;
    await new Promise((r) => setTimeout(r, 2));
    const db = (await call('CreateFolder', { FolderName: 'db_team', ParentFolderId: parent, Tag: [{ Key: 'env', Value: 'test' }] })).Folder.FolderId;
    await call('CreateFolder', { FolderName: 'other', ParentFolderId: parent });
    const ids = async (params: Record<string, any>) =>
      (await call('ListFoldersForParent', { ParentFolderId: parent, ...params })).Folders.Folder.map((f: any) => f.FolderId);
    assert.deepEqual(await ids({ QueryKeyword: 'team' }), [web, db]);
    assert.deepEqual(await ids({ QueryKeyword: 'WEB' }), [web]);
    // LIKE wildcards in the keyword are literal characters.
    assert.deepEqual(await ids({ QueryKeyword: '_' }), [db]);
    assert.deepEqual(await ids({ QueryKeyword: '%' }), []);
    assert.deepEqual(await ids({ Tag: [{ Key: 'env' }] }), [web, db]);
    assert.deepEqual(await ids({ Tag: [{ Key: 'env', Value: 'test' }] }), [db]);
    assert.deepEqual(await ids({ Tag: [{ Key: 'env', Value: 'test' }], QueryKeyword: 'web' }), []);
    assert.equal((await call('ListFoldersForParent', { ParentFolderId: parent, Tag: [{ Key: 'env' }] })).TotalCount, 2);
  });

  it('ListFoldersForParent without ParentFolderId lists the children of Root', async () => {
    const body = await call('ListFoldersForParent', { PageSize: 100 });
    const names = body.Folders.Folder.map((f: any) => f.FolderName);
    assert.ok(names.includes('filters') && names.includes('list-openapi-core-v3'));
    assert.ok(!names.includes('WebTeam'));
    assert.equal(body.PageSize, 100);
    assert.equal((await call('ListFoldersForParent', { ParentFolderId: '' })).TotalCount, body.TotalCount);
  });

  it('ListFoldersForParent rejects bad input with the documented codes', async () => {
    await rejectsWith(call('ListFoldersForParent', { ParentFolderId: 'x' }), 'InvalidParameter.ParentFolderId', 400);
    await rejectsWith(call('ListFoldersForParent', { ParentFolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    await rejectsWith(call('ListFoldersForParent', { PageNumber: 0 }), 'InvalidParameter.PageNumber', 400);
    await rejectsWith(call('ListFoldersForParent', { PageSize: 101 }), 'InvalidParameter.PageSize', 400);
    await rejectsWith(call('ListFoldersForParent', { PageSize: 0 }), 'InvalidParameter.PageSize', 400);
    await rejectsWith(call('ListFoldersForParent', { PageSize: 'ten' as any }), 'InvalidParameter.PageSize', 400);
  });

  for (const mode of MODES) {
    it(`${mode}: UpdateFolder renames and answers the Folder object`, async () => {
      const f = (await call('CreateFolder', { FolderName: `old-${mode}` })).Folder;
      const body = await server.client(mode)('UpdateFolder', { FolderId: f.FolderId, NewFolderName: `新-${mode}` });
      assert.deepEqual(Object.keys(body).sort(), ['Folder', 'RequestId']);
      assert.deepEqual(Object.keys(body.Folder).sort(), ['CreateTime', 'FolderId', 'FolderName', 'ParentFolderId']);
      assert.equal(body.Folder.FolderName, `新-${mode}`);
      assert.equal(body.Folder.FolderId, f.FolderId);
      assert.equal(body.Folder.ParentFolderId, rootId);
      assert.equal(body.Folder.CreateTime, f.CreateTime);
      assert.equal((await call('GetFolder', { FolderId: f.FolderId })).Folder.FolderName, `新-${mode}`);
    });
  }

  it('UpdateFolder keeps sibling names unique; renaming to its own name is fine', async () => {
    const a = (await call('CreateFolder', { FolderName: 'rename-a' })).Folder.FolderId;
    await call('CreateFolder', { FolderName: 'rename-b' });
    await rejectsWith(call('UpdateFolder', { FolderId: a, NewFolderName: 'rename-b' }), 'InvalidParameter.Folder.Name.AlreadyUsed', 400);
    assert.equal((await call('UpdateFolder', { FolderId: a, NewFolderName: 'rename-a' })).Folder.FolderName, 'rename-a');
    assert.equal((await call('GetFolder', { FolderId: a })).Folder.FolderName, 'rename-a');
  });

  it('UpdateFolder rejects bad input with the documented codes, name checks first', async () => {
    const a = (await call('CreateFolder', { FolderName: 'upd' })).Folder.FolderId;
    await rejectsWith(call('UpdateFolder', { FolderId: a }), 'MissingParameter.Folder.Name', 400);
    await rejectsWith(call('UpdateFolder', { FolderId: a, NewFolderName: '' }), 'MissingParameter.Folder.Name', 400);
    await rejectsWith(call('UpdateFolder', { FolderId: a, NewFolderName: 'no spaces' }), 'InvalidParameter.Folder.Name', 400);
    await rejectsWith(call('UpdateFolder', { FolderId: a, NewFolderName: 'y'.repeat(25) }), 'InvalidParameter.Folder.Name.Length', 400);
    await rejectsWith(call('UpdateFolder', { NewFolderName: 'fine' }), 'MissingParameter.FolderId', 400);
    await rejectsWith(call('UpdateFolder', { FolderId: 'nope', NewFolderName: 'fine' }), 'InvalidParameter.FolderId', 400);
    await rejectsWith(call('UpdateFolder', { FolderId: 'nope' }), 'MissingParameter.Folder.Name', 400);
    await rejectsWith(call('UpdateFolder', { FolderId: 'fd-0000000000', NewFolderName: 'fine' }), 'EntityNotExists.Folder', 404);
    assert.equal((await call('GetFolder', { FolderId: a })).Folder.FolderName, 'upd');
  });

  for (const mode of MODES) {
    it(`${mode}: DeleteFolder deletes an empty folder`, async () => {
      const f = (await call('CreateFolder', { FolderName: `doomed-${mode}`, Tag: [{ Key: 'k', Value: 'v' }] })).Folder.FolderId;
      const body = await server.client(mode)('DeleteFolder', { FolderId: f });
      assert.deepEqual(Object.keys(body), ['RequestId']);
      await rejectsWith(call('GetFolder', { FolderId: f }), 'EntityNotExists.Folder', 404);
      await rejectsWith(call('DeleteFolder', { FolderId: f }), 'EntityNotExists.Folder', 404);
      // The name is free again.
      assert.equal((await call('CreateFolder', { FolderName: `doomed-${mode}` })).Folder.FolderName, `doomed-${mode}`);
    });
  }

  it('DeleteFolder refuses a folder with subfolders or accounts, and Root', async () => {
    const parent = (await call('CreateFolder', { FolderName: 'busy' })).Folder.FolderId;
    const child = (await call('CreateFolder', { FolderName: 'busy-child', ParentFolderId: parent })).Folder.FolderId;
    await rejectsWith(call('DeleteFolder', { FolderId: parent }), 'DeleteConflict.Folder.SubFolder', 409);
    const member = (await call('CreateResourceAccount', { DisplayName: 'occupant', ParentFolderId: child })).Account.AccountId;
    await rejectsWith(call('DeleteFolder', { FolderId: child }), 'DeleteConflict.Folder.Account', 409);
    await call('MoveAccount', { AccountId: member, DestinationFolderId: rootId });
    await call('DeleteFolder', { FolderId: child });
    await call('DeleteFolder', { FolderId: parent });
    await rejectsWith(call('DeleteFolder', { FolderId: rootId }), 'InvalidParameter.FolderId', 400);
    assert.equal((await call('GetFolder', { FolderId: rootId })).Folder.FolderId, rootId);
  });

  it('DeleteFolder rejects bad input with the documented codes', async () => {
    await rejectsWith(call('DeleteFolder', {}), 'MissingParameter.FolderId', 400);
    await rejectsWith(call('DeleteFolder', { FolderId: 'fd-' }), 'InvalidParameter.FolderId', 400);
    await rejectsWith(call('DeleteFolder', { FolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
  });
});
