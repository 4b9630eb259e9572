import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { key, writeIdentities } from '../../support/identities.js';

const MAIN = join(import.meta.dirname, '../../../src/main.ts');
const ACCOUNT = '1000000000000001';

/** Runs the real command line; resolves to its exit status and output. */
function rdcontacts(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('rdcontacts command line', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdc-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  const file = writeIdentities({
    accounts: [
      {
        accountId: ACCOUNT,
        ramUsers: [
          {
            name: 'alice',
            accessKeys: [key('LTAIalice00001')],
            policies: [{ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:GetMessageContact', Resource: `acs:resourcemanager:*:${ACCOUNT}:messagecontact/c-A` }] }],
          },
        ],
        roles: [
          {
            name: 'rd-admin',
            trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }] },
            policies: ['AliyunResourceDirectoryFullAccess'],
          },
        ],
      },
    ],
  });

  it('policy explain reads the settings and the identities file, and exits 2 when denied', async () => {
    const r = await rdcontacts(
      ['policy', 'explain', '--key', 'LTAIalice00001', '--action', 'GetMessageContact', `--resource=acs:resourcemanager::${ACCOUNT}:messagecontact/c-B`, '--secure', '--data-dir', dataDir],
      { RDC_IDENTITIES_FILE: file },
    );
    assert.equal(r.stderr, '');
    assert.equal(r.status, 2);
    assert.match(r.stdout, /^DENIED \(ImplicitDeny\): resourcemanager:GetMessageContact on acs:resourcemanager::1000000000000001:messagecontact\/c-B\n/);
    assert.match(r.stdout, /from 127\.0\.0\.1, HTTPS/);
    assert.match(r.stdout, /the user's policies: alice\.policies\[0\]/);
  });

  it('policy explain --role explains a session of a role, narrowed by a session policy', async () => {
    const resource = `acs:resourcemanager::${ACCOUNT}:messagecontact/c-B`;
    const args = ['policy', 'explain', '--role', `acs:ram::${ACCOUNT}:role/rd-admin`, '--action', 'UpdateMessageContact', '--resource', resource, '--data-dir', dataDir];
    const role = await rdcontacts(args, { RDC_IDENTITIES_FILE: file });
    assert.equal(role.stderr, '');
    assert.equal(role.status, 0);
    assert.match(role.stdout, /^ALLOWED: resourcemanager:UpdateMessageContact/);
    assert.match(role.stdout, /session explain of RAM role rd-admin of account 1000000000000001/);
    assert.match(role.stdout, /decided by: system policy AliyunResourceDirectoryFullAccess/);
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'resourcemanager:Get*', Resource: '*' }] });
    const narrowed = await rdcontacts([...args, '--session-policy', policy, '--session-name', 'terraform'], { RDC_IDENTITIES_FILE: file });
    assert.equal(narrowed.status, 2);
    assert.match(narrowed.stdout, /^DENIED \(ImplicitDeny\): resourcemanager:UpdateMessageContact/);
    assert.match(narrowed.stdout, /session terraform of RAM role rd-admin/);
    assert.match(narrowed.stdout, /and the session policy, which must allow it too/);
    const unknown = await rdcontacts(['policy', 'explain', '--role', `acs:ram::${ACCOUNT}:role/nope`, '--action', 'GetFolder', '--resource', '*', '--data-dir', dataDir], { RDC_IDENTITIES_FILE: file });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no role nope of account 1000000000000001 in the identities file/);
  });

  it('serve stops with one clear line when the identities file is broken', async () => {
    const broken = join(dataDir, 'broken.json');
    writeFileSync(broken, '{"accounts": [\n  {"accountId": "1000000000000001", "ramUsers": [{"name": "alice", "policies": [\n    {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "GetFolder", "Resource": "*"}]}]}]}]}\n');
    const r = await rdcontacts(['serve', '--port', '0', '--data-dir', dataDir, '--identities-file', broken], {});
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      `rdcontacts: identities file ${broken} (RDC_IDENTITIES_FILE): accounts[0].ramUsers[0].policies[0].Statement[0].Action[0]: "GetFolder" is not an action (expected "*" or "<service>:<Action>", e.g. "resourcemanager:GetMessageContact")\n`,
    );
  });
});
