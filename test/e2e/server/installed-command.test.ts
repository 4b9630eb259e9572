/**
 * The command users run: `npm start` and the `rdcontacts` bin run the esbuild bundle (dist/rdcontacts.mjs),
 * not src/ under tsx as the other tests do. This builds the bundle from the working tree, as `npm ci` (the
 * prepare script) does, and drives it through an official client: what only the bundle can break (files found
 * relative to a module, modules loaded on demand) shows here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeClient } from '../../support/clients.js';
import { INSTALLED, killServes, spawnServe, type ServeProcess } from '../../support/child.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the installed command (the built bundle)', () => {
  let dataDir: string;
  let serve: ServeProcess;

  before(async () => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build failed: ${build.stdout}${build.stderr}`);
    dataDir = mkdtempSync(join(tmpdir(), 'rdc-installed-'));
    serve = await spawnServe({ RDC_DATA_DIR: dataDir }, 30_000, INSTALLED);
  });
  after(() => {
    killServes();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the banner credentials; a contact is added and its verification mail uses the shipped templates', async () => {
    for (let i = 0; i < 250 && !/AccessKey secret:\s+\S+/.test(serve.stdout()); i++) await new Promise((r) => setTimeout(r, 20));
    const id = /AccessKey ID:\s+(\S+)/.exec(serve.stdout())?.[1];
    const secret = /AccessKey secret:\s+(\S+)/.exec(serve.stdout())?.[1];
    assert.ok(id && secret, `the banner names the generated key: ${serve.stdout()}`);
    const call = makeClient('openapi-core-v3', serve.url, { accessKeyId: id, accessKeySecret: secret });
    await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    const added = await call('AddMessageContact', { Name: 'Bundle', EmailAddress: 'bundle@example.com', Title: 'TechnicalDirector', MessageTypes: ['SecurityMessage'] });
    const contactId = added.Contact.ContactId;
    await call('SendEmailVerificationForMessageContact', { ContactId: contactId, EmailAddress: 'bundle@example.com' });

    const outbox = await (await fetch(`${serve.url}/_rdc/outbox?to=bundle@example.com`)).json();
    assert.equal(outbox.Messages.length, 1, 'one message in the outbox');
    const [message] = outbox.Messages;
    assert.equal(message.ContactId, contactId);
    assert.match(message.Text, /Bundle/, 'the shipped text template names the contact');
    assert.ok(message.Text.includes(message.Link), 'the text carries the link');
    const page = await fetch(message.Link);
    assert.equal(page.status, 200, 'the verification page opens');
    assert.match(await page.text(), /<form method="post"/, 'with its confirm form');
    assert.equal((await call('GetMessageContact', { ContactId: contactId })).Contact.Status, 'Verifying', 'opening the page verifies nothing');
  });

  it("runs with the young generation bounded at 16 MB per semi-space (Node.js 20's bound), in the same process", { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
    const cmdline = readFileSync(`/proc/${serve.child.pid}/cmdline`, 'utf8').split('\0');
    // Node.js 20 has no process.execve and bounds the semi-spaces at 16 MB itself: it runs as it was started.
    const expected = typeof process.execve === 'function' ? ['--max-semi-space-size=16'] : [];
    assert.deepEqual(cmdline.filter((arg) => arg.includes('semi-space')), expected, cmdline.join(' '));
  });

  it("an operator's own young generation size (NODE_OPTIONS) is kept", { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
    const ownDataDir = mkdtempSync(join(tmpdir(), 'rdc-installed-own-'));
    const own = await spawnServe({ RDC_DATA_DIR: ownDataDir, NODE_OPTIONS: '--max-semi-space-size=32' }, 30_000, INSTALLED);
    try {
      // It serves (spawnServe resolved on its "serving" line), as it was started: no bound of ours added.
      const cmdline = readFileSync(`/proc/${own.child.pid}/cmdline`, 'utf8');
      assert.doesNotMatch(cmdline, /semi-space/, cmdline);
    } finally {
      own.child.kill('SIGKILL');
      await own.exited;
      rmSync(ownDataDir, { recursive: true, force: true });
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    serve.child.kill('SIGTERM');
    assert.equal((await serve.exited).code, 0, `exit: ${serve.stderr()}`);
  });
});
