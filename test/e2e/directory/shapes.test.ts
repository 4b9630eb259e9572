import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../support/server.js';
import { CLIENT_NAMES, type Call } from '../../support/clients.js';
import { SPEC_DIR } from '../../support/spec.js';

/**
 * Every tree operation's success answer, as each official client parses it, against the response schema of
 * spec/operations.json: exactly the documented fields at every level (wrapped lists `Folders.Folder`,
 * `Accounts.Account`, `Tags.Tag`; GetAccount's plain `Tags` array), their JSON types, and the documented
 * enum values. Lists are made non-empty so their items are checked too.
 */

interface SpecOperation {
  action: string;
  group: string;
  response: unknown;
  responseEnums?: Record<string, string[]>;
}

const spec: SpecOperation[] = JSON.parse(readFileSync(join(SPEC_DIR, 'operations.json'), 'utf8')).operations;
const TREE = spec.filter((o) => o.group === 'resource-directory');

/** Where the answer differs from the schema (empty when it conforms); `items` counts the items seen per list path. */
function mismatches(value: unknown, schema: unknown, enums: Record<string, string[]>, items: Map<string, number>, path = ''): string[] {
  const at = path || '(body)';
  if (typeof schema === 'string') {
    const ok =
      schema === 'string' ? typeof value === 'string' : schema === 'boolean' ? typeof value === 'boolean' : ['integer', 'long', 'number'].includes(schema) ? Number.isInteger(value) : false;
    if (!ok) return [`${at}: expected ${schema}, got ${JSON.stringify(value)}`];
    const allowed = enums[path];
    return allowed && !allowed.includes(value as string) ? [`${at}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`] : [];
  }
  if (Array.isArray(schema)) {
    if (!Array.isArray(value)) return [`${at}: expected an array, got ${JSON.stringify(value)}`];
    items.set(`${path}[]`, (items.get(`${path}[]`) ?? 0) + value.length);
    return value.flatMap((item) => mismatches(item, schema[0], enums, items, `${path}[]`));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object, got ${JSON.stringify(value)}`];
  const fields = schema as Record<string, unknown>;
  const got = Object.keys(value).sort();
  const want = Object.keys(fields).sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) return [`${at}: fields ${got.join(', ')}; documented ${want.join(', ')}`];
  return want.flatMap((k) => mismatches((value as Record<string, unknown>)[k], fields[k], enums, items, path ? `${path}.${k}` : k));
}

describe('tree operations: every success answer has the documented shape, through every official client', () => {
  let server: TestServer;
  let owner: Call;
  let rootId: string;
  let folderIds: string[];
  let accountId: string;

  before(async () => {
    server = await startTestServer();
    owner = server.client('openapi-core-v3');
    rootId = (await owner('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })).ResourceDirectory.RootFolderId;
    // Two levels of folders with tags, and a tagged member in the deeper one.
    const top = (await owner('CreateFolder', { FolderName: 'top', Tag: [{ Key: 'env', Value: 'prod' }] })).Folder.FolderId;
    const deep = (await owner('CreateFolder', { FolderName: 'deep', ParentFolderId: top, Tag: [{ Key: 'team', Value: '' }] })).Folder.FolderId;
    folderIds = [top, deep];
    accountId = (await owner('CreateResourceAccount', { DisplayName: 'member', ParentFolderId: deep, Tag: [{ Key: 'env', Value: 'prod' }] })).Account.AccountId;
  });
  after(() => server.stop());

  it('the spec lists the 14 tree operations', () => {
    assert.deepEqual(TREE.map((o) => o.action).sort(), [
      'CreateFolder', 'CreateResourceAccount', 'DeleteFolder', 'DestroyResourceDirectory', 'EnableResourceDirectory', 'GetAccount', 'GetFolder',
      'GetResourceDirectory', 'ListAccounts', 'ListAccountsForParent', 'ListAncestors', 'ListFoldersForParent', 'MoveAccount', 'UpdateFolder',
    ]);
  });

  for (const [n, mode] of CLIENT_NAMES.entries()) {
    it(`${mode}: all 14 operations answer exactly the documented fields, types and enum values`, async () => {
      const call = server.client(mode);
      const tenant = server.client(mode, server.addTenant().creds);
      const [top, deep] = folderIds as [string, string];
      const made = (await call('CreateFolder', { FolderName: `made-${n}`, ParentFolderId: top })).Folder.FolderId;
      const mover = (await call('CreateResourceAccount', { DisplayName: `mover ${mode}`, ParentFolderId: deep })).Account.AccountId;
      // One after another: a mutation must not race the reads that follow it.
      const sequence: Array<[string, () => Promise<any>]> = [
        ['EnableResourceDirectory', () => tenant('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })],
        ['GetResourceDirectory', () => call('GetResourceDirectory')],
        ['CreateFolder', () => call('CreateFolder', { FolderName: `shape-${n}`, ParentFolderId: deep })],
        ['GetFolder', () => call('GetFolder', { FolderId: deep })],
        ['ListFoldersForParent', () => call('ListFoldersForParent', { ParentFolderId: rootId })],
        ['UpdateFolder', () => call('UpdateFolder', { FolderId: made, NewFolderName: `renamed-${n}` })],
        ['ListAncestors', () => call('ListAncestors', { ChildId: deep })],
        ['CreateResourceAccount', () => call('CreateResourceAccount', { DisplayName: `shape ${mode}`, ParentFolderId: deep })],
        ['GetAccount', () => call('GetAccount', { AccountId: accountId, IncludeTags: true })],
        ['ListAccounts', () => call('ListAccounts', { IncludeTags: true, MaxResults: 1 })],
        ['ListAccountsForParent', () => call('ListAccountsForParent', { ParentFolderId: deep, IncludeTags: true })],
        ['MoveAccount', () => call('MoveAccount', { AccountId: mover, DestinationFolderId: top })],
        ['DeleteFolder', () => call('DeleteFolder', { FolderId: made })],
        ['DestroyResourceDirectory', () => tenant('DestroyResourceDirectory')],
      ];
      const bodies = new Map<string, any>();
      for (const [action, run] of sequence) bodies.set(action, await run());
      const items = new Map<string, number>();
      for (const op of TREE) {
        assert.ok(bodies.has(op.action), `${op.action} was called`);
        // pop-core parses with json-bigint, into objects without a prototype: compare plain copies.
        const body = JSON.parse(JSON.stringify(bodies.get(op.action)));
        assert.deepEqual(mismatches(body, op.response, op.responseEnums ?? {}, items, ''), [], `${op.action}: ${JSON.stringify(body)}`);
      }
      // Each kind of list was checked with items in it.
      for (const list of ['Folders.Folder[]', 'Folders.Folder[].Tags.Tag[]', 'Account.Tags[]', 'Accounts.Account[]', 'Accounts.Account[].Tags.Tag[]']) {
        assert.ok((items.get(list) ?? 0) > 0, `${list} had items`);
      }
      // The values the shapes carry.
      assert.equal(bodies.get('ListAccounts').NextToken !== '', true, 'MaxResults 1 of several accounts gives a NextToken');
      assert.equal(bodies.get('GetAccount').Account.ResourceDirectoryPath.split('/').length, 5, 'rd/r/top/deep/account');
      assert.deepEqual(bodies.get('ListAncestors').Folders.Folder.map((f: any) => f.FolderId), [rootId, top]);
    });
  }
});
