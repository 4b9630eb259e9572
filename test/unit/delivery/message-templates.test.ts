import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageTemplates } from '../../../src/delivery/templates.js';
import { fillTemplateParam } from '../../../src/delivery/sms-aliyun.js';

const values = { name: 'Alice', target: "o'neil&co@example.com", accountId: '1000000000000001', link: 'https://c.example.com/verify/abc?x=<y>', code: '', validity: '24 hours' };

describe('message templates', () => {
  it('the shipped email: values HTML-escaped in the HTML part only, the subject on one line', () => {
    const email = new MessageTemplates().email(values);
    assert.equal(email.subject, 'Verify the email address of message contact Alice');
    assert.ok(email.text.includes("o'neil&co@example.com") && email.text.includes(values.link), 'the text part is plain');
    assert.ok(email.html.includes('<strong>o&#39;neil&amp;co@example.com</strong>'), 'escaped in HTML');
    assert.ok(email.html.includes('href="https://c.example.com/verify/abc?x=&lt;y&gt;"'), 'attribute values escaped');
    assert.ok(!email.html.includes('<y>'), 'never raw');
  });

  it('an operator file replaces only its own template; a multi-line subject is folded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rdc-tpl-'));
    try {
      writeFileSync(join(dir, 'email.subject.txt'), 'Confirm\n{{ target }}\r\n');
      writeFileSync(join(dir, 'sms.text.txt'), '{{code}} is your code ({{validity}})\n');
      const templates = new MessageTemplates(dir);
      assert.equal(templates.email(values).subject, "Confirm o'neil&co@example.com");
      assert.equal(templates.sms({ ...values, code: '012345' }), '012345 is your code (24 hours)');
      assert.match(templates.email(values).text, /^Hello Alice,/, 'the shipped text template stays');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the Aliyun TemplateParam escapes values as JSON', () => {
    assert.deepEqual(JSON.parse(fillTemplateParam('{"code":"{{code}}","link":"{{ link }}"}', { code: '123456', link: 'https://x/"y"\\' })), { code: '123456', link: 'https://x/"y"\\' });
  });
});
