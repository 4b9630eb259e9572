import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  emailLengthValid,
  emailShapeValid,
  memberKindOf,
  nameCharactersValid,
  nameLengthValid,
  phoneCountryAllowed,
  phoneShapeValid,
} from '../../../src/domain/contact-rules.js';
import { planChannelUpdate } from '../../../src/domain/contacts.js';
import { groupByAccount } from '../../../src/domain/deletion.js';

describe('contact names', () => {
  it('letters and CJK ideographs only, 2 to 12 code points', () => {
    for (const ok of ['tom', 'Tom', 'ab', 'abcdefghijkl', '张三', '𠀀𠀁', 'Zhang张']) {
      assert.ok(nameCharactersValid(ok) && nameLengthValid(ok), ok);
    }
    for (const bad of ['tom1', 'tom smith', 'tom-x', 'tóm', 'ｔｏｍ', 'たなか', '한국', '😀x']) assert.ok(!nameCharactersValid(bad), bad);
    for (const bad of ['a', '', 'abcdefghijklm', '张']) assert.ok(!nameLengthValid(bad), bad);
    // An ideograph outside the BMP is one character: 12 of them fit.
    assert.ok(nameLengthValid('𠀀'.repeat(12)));
    assert.ok(!nameLengthValid('𠀀'.repeat(13)));
  });

  it('any 2-12 Latin letters are a valid name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{2,12}$/), (name) => nameCharactersValid(name) && nameLengthValid(name)),
    );
  });
});

describe('email addresses', () => {
  it('dot-atom local part, a domain of two or more labels', () => {
    for (const ok of ['someone@example.com', "a.b!#$%&'*+-/=?^_`{|}~@x-y.example.org", 'A@B.CO', 'x@1.2']) assert.ok(emailShapeValid(ok), ok);
    for (const bad of ['someone', '@example.com', 'a@', 'a@localhost', '.a@example.com', 'a.@example.com', 'a..b@example.com', 'a b@example.com', 'a@exa mple.com', 'a@example..com', 'a@@example.com', '"a"@example.com', 'a@[1.2.3.4]']) {
      assert.ok(!emailShapeValid(bad), bad);
    }
  });

  it('at most 254 characters', () => {
    const at254 = 'a'.repeat(254 - '@example.com'.length) + '@example.com';
    assert.equal(at254.length, 254);
    assert.ok(emailLengthValid(at254));
    assert.ok(!emailLengthValid('a' + at254));
  });
});

describe('phone numbers', () => {
  const allowed = ['86'];
  it('86 needs 1 and 10 digits; another code is judged by the country-code check', () => {
    assert.ok(phoneShapeValid('86-13900001234', allowed));
    for (const bad of ['13900001234', '86-1390000123', '86-139000012345', '86-23900001234', '86 13900001234', '+86-13900001234', '86-', '-13900001234', '86-139-0000-1234', '']) {
      assert.ok(!phoneShapeValid(bad, allowed), bad);
    }
    assert.ok(phoneShapeValid('1-2025550123', allowed));
    assert.ok(!phoneCountryAllowed('1-2025550123', allowed));
    assert.ok(phoneCountryAllowed('86-13900001234', allowed));
    // A shapeless value is a PhoneNumber problem, not a country-code one.
    assert.ok(phoneCountryAllowed('garbage', allowed));
  });

  it('configured country codes accept 4 to 15 digits', () => {
    assert.ok(phoneShapeValid('852-91234567', ['86', '852']));
    assert.ok(phoneCountryAllowed('852-91234567', ['86', '852']));
    assert.ok(!phoneShapeValid('852-123', ['86', '852']));
  });
});

describe('member IDs', () => {
  it('rd-, r-, fd- and 16-digit account IDs', () => {
    assert.equal(memberKindOf('rd-abC123'), 'directory');
    assert.equal(memberKindOf('r-abC123'), 'rootFolder');
    assert.equal(memberKindOf('fd-abcdeFGH12'), 'folder');
    assert.equal(memberKindOf('1234567890123456'), 'account');
    for (const bad of ['rd-abc', 'r-abc1234', 'fd-abc', '0123456789012345', '123456789012345', 'c-0123456789abcdef', '']) assert.equal(memberKindOf(bad), undefined, bad);
  });
});

describe('Update of an email address or phone number', () => {
  it('re-sending the verified or the pending value changes nothing', () => {
    assert.deepEqual(planChannelUpdate({ shown: 'a@x.com', verified: true, pending: undefined }, 'a@x.com'), { kind: 'none' });
    assert.deepEqual(planChannelUpdate({ shown: 'a@x.com', verified: true, pending: 'b@x.com' }, 'a@x.com'), { kind: 'none' });
    assert.deepEqual(planChannelUpdate({ shown: 'a@x.com', verified: true, pending: 'b@x.com' }, 'b@x.com'), { kind: 'none' });
    assert.deepEqual(planChannelUpdate({ shown: 'a@x.com', verified: false, pending: 'a@x.com' }, 'a@x.com'), { kind: 'none' });
  });

  it('a new value becomes pending; it is also shown while nothing is verified', () => {
    assert.deepEqual(planChannelUpdate({ shown: 'a@x.com', verified: true, pending: undefined }, 'c@x.com'), { kind: 'pending', target: 'c@x.com', replaceShown: false });
    assert.deepEqual(planChannelUpdate({ shown: 'a@x.com', verified: false, pending: 'a@x.com' }, 'c@x.com'), { kind: 'pending', target: 'c@x.com', replaceShown: true });
    assert.deepEqual(planChannelUpdate({ shown: null, verified: false, pending: undefined }, '86-13900001234'), { kind: 'pending', target: '86-13900001234', replaceShown: true });
  });
});

describe('FailReasonList', () => {
  it('one entry per account, message types in order', () => {
    assert.deepEqual(
      groupByAccount([
        { accountId: '1', messageType: 'AccountExpenses' },
        { accountId: '1', messageType: 'FaultMessage' },
        { accountId: '2', messageType: 'FaultMessage' },
      ]),
      [
        { accountId: '1', messageTypes: ['AccountExpenses', 'FaultMessage'] },
        { accountId: '2', messageTypes: ['FaultMessage'] },
      ],
    );
    assert.deepEqual(groupByAccount([]), []);
  });
});
