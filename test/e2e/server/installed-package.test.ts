/**
 * rdcontacts as users install it: the packed tarball (`npm pack`) installed globally into a prefix of its own,
 * with its production dependencies only and no checkout beside it, then `rdcontacts serve` run from an empty
 * folder. What the package forgets to ship (the bundle, the templates) or imports from a dev dependency fails here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeClient } from '../../support/clients.js';
import { killServes, spawnServe, type ServeProcess } from '../../support/child.js';
import { TEST_STORE } from '../../support/database.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

/** Runs a command to its end; fails the test with its output when it fails. */
function run(command: string, args: string[], cwd: string, timeoutMs: number): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stdout}${result.stderr}`);
  return result.stdout;
}

// The installed server keeps its data in SQLite under ./data whatever the run's store: one pass is enough.
const SQLITE_PASS_ONLY = TEST_STORE === 'postgres' && 'the package does not depend on the store: tested in the SQLite pass of npm test';

describe('the packed package, installed globally (npm pack, npm install -g)', { timeout: 600_000, skip: SQLITE_PASS_ONLY }, () => {
  const work = mkdtempSync(join(tmpdir(), 'rdc-package-'));
  const prefix = join(work, 'prefix');
  const command = join(prefix, 'bin', 'rdcontacts');
  let files: string[];
  let serve: ServeProcess;

  before(async () => {
    // npm pack runs the prepare script (the build) first; the install builds better-sqlite3 from source when
    // no prebuilt binary can be downloaded, hence the generous timeouts.
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], repoRoot, 300_000)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed[0]!.files.map((f) => f.path);
    const tarball = join(work, packed[0]!.filename);
    run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--allow-scripts=better-sqlite3', tarball], work, 420_000);
  });
  after(() => {
    killServes();
    rmSync(work, { recursive: true, force: true });
  });

  it('ships the bundle, the templates, the command, LICENSE and README, and no sources', () => {
    for (const file of ['bin/rdcontacts.js', 'dist/rdcontacts.mjs', 'templates/email.html', 'templates/email.subject.txt', 'templates/email.text.txt', 'templates/sms.text.txt', 'LICENSE', 'README.md', 'package.json']) {
      assert.ok(files.includes(file), `${file} is in the package: ${files.join(', ')}`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('scripts/')), [], 'no sources, tests or scripts');
    assert.match(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
  });

  it("installs only production dependencies; rdcontacts --version prints package.json's version", () => {
    const installed = readdirSync(join(prefix, 'lib', 'node_modules', 'rdcontacts', 'node_modules'));
    for (const dev of ['typescript', 'tsx', 'esbuild']) assert.equal(installed.includes(dev), false, `${dev} is not installed`);
    assert.equal(run(command, ['--version'], work, 30_000), `${version}\n`);
  });

  it('rdcontacts serve from an empty folder: a signed call succeeds, its data and the mail templates are found', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    serve = await spawnServe({}, 60_000, [command], empty);
    try {
      for (let i = 0; i < 250 && !/AccessKey secret:\s+\S+/.test(serve.stdout()); i++) await new Promise((r) => setTimeout(r, 20));
      const id = /AccessKey ID:\s+(\S+)/.exec(serve.stdout())?.[1];
      const secret = /AccessKey secret:\s+(\S+)/.exec(serve.stdout())?.[1];
      assert.ok(id && secret, `the banner names the generated key: ${serve.stdout()}`);
      const call = makeClient('openapi-core-v3', serve.url, { accessKeyId: id, accessKeySecret: secret });
      const enabled = await call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
      assert.match(enabled.ResourceDirectory.ResourceDirectoryId, /^rd-/);
      const added = await call('AddMessageContact', { Name: 'Installed', EmailAddress: 'installed@example.com', Title: 'TechnicalDirector', MessageTypes: ['SecurityMessage'] });
      await call('SendEmailVerificationForMessageContact', { ContactId: added.Contact.ContactId, EmailAddress: 'installed@example.com' });
      const outbox = await (await fetch(`${serve.url}/_rdc/outbox?to=installed@example.com`)).json();
      assert.match(outbox.Messages[0].Text, /Installed/, 'the shipped text template names the contact');
      assert.ok(existsSync(join(empty, 'data', 'root-credentials.json')), 'the data folder is ./data of the folder it runs in');
    } finally {
      serve.child.kill('SIGTERM');
      assert.equal((await serve.exited).code, 0, serve.stderr());
    }
  });
});
