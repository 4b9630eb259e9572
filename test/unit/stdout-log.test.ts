/**
 * The service's stdout log gathers lines and writes a few at a time (src/logger.ts): no line may be lost by
 * that at exit, whichever way the process exits but kill -9, and none may wait long on a quiet server.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `body` in a process with `log` made by createLogger for stdout; its stdout, as it arrives, timed. */
function logging(body: string, format: 'json' | 'pretty' = 'json'): Promise<{ lines: Array<{ msg: string; atMs: number }>; code: number | null }> {
  const script = `import { createLogger, flushLog } from './src/logger.ts'; const log = createLogger({ logLevel: 'info', logFormat: '${format}' }); ${body}`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot });
    const started = performance.now();
    const lines: Array<{ msg: string; atMs: number }> = [];
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop()!;
      for (const line of complete) lines.push({ msg: format === 'json' ? (JSON.parse(line) as { msg: string }).msg : line.replace(/^.* INFO  /, ''), atMs: performance.now() - started });
    });
    child.on('error', fail);
    child.on('close', (code) => done({ lines, code }));
  });
}

describe('the stdout log', () => {
  it('writes every line gathered when the process exits, by process.exit or by an uncaught error', async () => {
    const byExit = await logging(`for (let i = 0; i < 10; i++) log.info('line ' + i); process.exit(0);`);
    assert.deepEqual(byExit.lines.map((l) => l.msg), Array.from({ length: 10 }, (_, i) => `line ${i}`));
    const byError = await logging(`log.info('before the error'); setTimeout(() => { throw new Error('boom'); }, 5);`);
    assert.notEqual(byError.code, 0);
    assert.deepEqual(byError.lines.map((l) => l.msg), ['before the error']);
  });

  it('writes a line on a quiet process within its gathering time, long before the process ends', async () => {
    const { lines } = await logging(`log.info('alone'); setTimeout(() => log.info('last'), 3000);`);
    assert.deepEqual(lines.map((l) => l.msg), ['alone', 'last']);
    assert.ok(lines[1]!.atMs - lines[0]!.atMs > 2000, `the first line came ${Math.round(lines[1]!.atMs - lines[0]!.atMs)} ms before the last, not with it at exit`);
  });

  it('writes more lines than it gathers at once as they come, in order', async () => {
    const { lines } = await logging(`for (let i = 0; i < 500; i++) log.info('n' + i + ' ' + 'x'.repeat(100)); setTimeout(() => process.exit(0), 50);`);
    assert.deepEqual(lines.map((l) => l.msg.split(' ')[0]), Array.from({ length: 500 }, (_, i) => `n${i}`));
  });

  it('never fsyncs stdout: not when its time is up, not when it has gathered enough, not at exit', async () => {
    // sonic-boom's flushSync fsyncs; on stdout redirected to a file, ten a second blocked the event loop.
    const { lines } = await logging(
      `const fs = (await import('node:fs')).default; let fsyncs = 0; fs.fsyncSync = () => { fsyncs++; }; fs.fsync = (fd, done) => { fsyncs++; done(null); };
       process.on('exit', () => process.stdout.write(JSON.stringify({ msg: 'fsyncs ' + fsyncs }) + '\\n'));
       log.info('alone');
       setTimeout(() => { for (let i = 0; i < 100; i++) log.info('n' + i + ' ' + 'x'.repeat(100)); }, 300);`,
    );
    assert.equal(lines.length, 102);
    assert.deepEqual(lines.at(-1)!.msg, 'fsyncs 0');
  });

  it('writes what it gathered before other output when asked (flushLog: the serving line, then the banner), in either format', async () => {
    for (const format of ['json', 'pretty'] as const) {
      const { lines } = await logging(`log.info('serving'); flushLog(log); process.stdout.write(JSON.stringify({ msg: 'banner' }) + '\\n'); log.info('later');`, format);
      assert.deepEqual(lines.map((l) => l.msg.replace(/^\{"msg":"banner"\}$/, 'banner')), ['serving', 'banner', 'later'], format);
    }
  });
});
