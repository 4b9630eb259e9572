import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoticeTemplates, noticeValues } from '../../../src/delivery/notice-templates.js';
import { ConfigError } from '../../../src/config.js';

const message = { id: 'm-0123456789abcdef', messageType: 'FaultMessage', subject: 'Disk <full> & "hot"', content: 'Line 1\n<script>x</script>', tenant: '1000000000000001' };
const accounts = Array.from({ length: 7 }, (_, i) => ({ accountId: `100000000000001${i}`, displayName: `app-${i} <prod>` }));

describe('notice templates', () => {
  it('the shipped ones: every account named with its display name; values HTML-escaped in message.html only', () => {
    const templates = new NoticeTemplates();
    const email = templates.email(noticeValues(message, 'Alice', accounts, accounts.length));
    assert.equal(email.subject, '[FaultMessage] Disk <full> & "hot"');
    for (const a of accounts) assert.ok(email.text.includes(`${a.accountId} ${a.displayName}`));
    assert.ok(email.html.includes('Disk &lt;full&gt; &amp; &quot;hot&quot;') && email.html.includes('&lt;script&gt;x&lt;/script&gt;'));
    assert.ok(!email.html.includes('<script>') && !email.html.includes('app-0 <prod>'), 'never raw in HTML');
    assert.equal(
      templates.sms(noticeValues(message, 'Alice', accounts, accounts.length)),
      '[FaultMessage] Disk <full> & "hot" (7 account(s): 1000000000000010, 1000000000000011, 1000000000000012, 1000000000000013, 1000000000000014 and 2 more) m-0123456789abcdef',
    );
  });

  it('a recipient covering more accounts than are named: the named ones, how many more, and where all are listed', () => {
    const templates = new NoticeTemplates();
    const email = templates.email(noticeValues(message, 'Alice', accounts, 120));
    assert.match(email.text, /concerns 120 member account\(s\)/);
    for (const a of accounts) assert.ok(email.text.includes(`${a.accountId} ${a.displayName}`));
    assert.ok(email.text.includes(`… and 113 more: GetMessage ${message.id} lists every account of this message.`), email.text);
    assert.ok(email.html.includes(`… and 113 more: GetMessage ${message.id} lists every account of this message.`) && email.html.includes('app-0 &lt;prod&gt;'));
    assert.equal(
      templates.sms(noticeValues(message, 'Alice', accounts, 120)),
      '[FaultMessage] Disk <full> & "hot" (120 account(s): 1000000000000010, 1000000000000011, 1000000000000012, 1000000000000013, 1000000000000014 and 115 more) m-0123456789abcdef',
    );
  });

  it('RDC_TEMPLATES_DIR replaces one template; an unknown placeholder stops the start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-notice-tpl-'));
    try {
      writeFileSync(join(dir, 'message.subject.txt'), 'NOTICE {{ messageId }}:\n{{subject}}\n');
      const email = new NoticeTemplates(dir).email(noticeValues(message, 'Alice', accounts.slice(0, 1), 1));
      assert.equal(email.subject, 'NOTICE m-0123456789abcdef: Disk <full> & "hot"');
      assert.match(email.text, /^Hello Alice,/, 'the shipped text template stays');
      writeFileSync(join(dir, 'message-sms.text.txt'), '{{link}}');
      assert.throws(() => new NoticeTemplates(dir), (err: unknown) => err instanceof ConfigError && /unknown placeholder \{\{link\}\}/.test(err.message));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
