/**
 * The command's young generation (bin/young-generation.js): when it starts itself again with Node.js 20's
 * bound, and when it leaves the process as it was started.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error: a plain JavaScript module of the bin folder, without types
import { MAX_SEMI_SPACE_MB, youngGenerationRestart } from '../../bin/young-generation.js';

const execve = () => undefined;
const started = { execve, execPath: '/usr/bin/node', execArgv: [] as string[], argv: ['/usr/bin/node', '/opt/rdcontacts/bin/rdcontacts.js', 'serve'], env: {} as Record<string, string>, platform: 'linux' };

describe('the young generation the command runs with', () => {
  it('is bounded at 16 MB per semi-space: the same node, its flags, then the script and its arguments', () => {
    assert.equal(MAX_SEMI_SPACE_MB, 16);
    assert.deepEqual(youngGenerationRestart({ ...started, execArgv: ['--cpu-prof'] }), {
      file: '/usr/bin/node',
      args: ['/usr/bin/node', '--max-semi-space-size=16', '--cpu-prof', '/opt/rdcontacts/bin/rdcontacts.js', 'serve'],
    });
  });

  it('is started once: with the bound on its command line it runs on', () => {
    assert.equal(youngGenerationRestart({ ...started, execArgv: ['--max-semi-space-size=16'] }), undefined);
  });

  it("keeps an operator's own size, on the command line or in NODE_OPTIONS, in either spelling", () => {
    assert.equal(youngGenerationRestart({ ...started, execArgv: ['--max_semi_space_size=64'] }), undefined);
    assert.equal(youngGenerationRestart({ ...started, env: { NODE_OPTIONS: '--enable-source-maps --min-semi-space-size=8' } }), undefined);
    assert.notEqual(youngGenerationRestart({ ...started, env: { NODE_OPTIONS: '--enable-source-maps' } }), undefined);
  });

  it('runs as started where the runtime cannot replace its process (Node.js 20, whose bound it is already; Windows)', () => {
    assert.equal(youngGenerationRestart({ ...started, execve: undefined }), undefined);
    assert.equal(youngGenerationRestart({ ...started, platform: 'win32' }), undefined);
  });
});
