import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accountDisplayName, accountNamePrefix, folderName, memberAccountName } from '../../../src/domain/tree-names.js';

describe('tree naming rules', () => {
  it('folder names: letters, digits, _ . - and Chinese; 1-24 code points', () => {
    for (const ok of ['a', 'Dev_1.0-x', '研发部', '部'.repeat(24), 'x'.repeat(24)]) {
      assert.ok(folderName.hasValidCharacters(ok) && folderName.hasValidLength(ok), ok);
    }
    for (const bad of ['a b', 'a/b', 'ä', '😀', 'a@b']) assert.equal(folderName.hasValidCharacters(bad), false, bad);
    for (const long of ['', 'x'.repeat(25), '部'.repeat(25)]) assert.equal(folderName.hasValidLength(long), false, long);
  });

  it('display names also allow spaces; 2-50 code points', () => {
    assert.ok(accountDisplayName.hasValidCharacters('Web Prod 财务'));
    assert.equal(accountDisplayName.hasValidCharacters('a/b'), false);
    assert.equal(accountDisplayName.hasValidLength('a'), false);
    assert.ok(accountDisplayName.hasValidLength('部'.repeat(50)));
    assert.equal(accountDisplayName.hasValidLength('部'.repeat(51)), false);
  });

  it('account name prefixes: start and end alphanumeric, never two specials in a row', () => {
    for (const ok of ['ab', 'a.b', 'a-b_c.d', 'A1']) assert.ok(accountNamePrefix.hasValidCharacters(ok), ok);
    for (const bad of ['-ab', 'ab-', 'a..b', 'a._b', 'a b', '']) assert.equal(accountNamePrefix.hasValidCharacters(bad), false, bad);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_.-]{1,20}$/), (s) => {
        const expected = /^[A-Za-z0-9]/.test(s) && /[A-Za-z0-9]$/.test(s) && !/[_.-]{2}/.test(s);
        assert.equal(accountNamePrefix.hasValidCharacters(s), expected, s);
      }),
    );
  });

  it('member account names are the prefix at the directory domain, in lower case', () => {
    assert.equal(memberAccountName('Alice', 'rd-3GxY9z'), 'alice@rd-3gxy9z.aliyunid.com');
  });
});
