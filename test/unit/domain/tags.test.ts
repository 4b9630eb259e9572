import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { areValidTags, MAX_TAGS, toTagFilters, toTags } from '../../../src/domain/tags.js';

describe('tags', () => {
  it('accepts up to 20 distinct keys of 1-128 characters with values up to 128', () => {
    const many = Array.from({ length: MAX_TAGS }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    assert.ok(areValidTags(many));
    assert.equal(areValidTags([...many, { Key: 'one-more', Value: '' }]), false);
    assert.ok(areValidTags([{ Key: 'k'.repeat(128), Value: 'v'.repeat(128) }]));
    assert.equal(areValidTags([{ Key: 'k'.repeat(129), Value: '' }]), false);
    assert.equal(areValidTags([{ Key: 'k', Value: 'v'.repeat(129) }]), false);
  });

  it('refuses a missing key, a repeated key and the reserved prefixes', () => {
    assert.equal(areValidTags([{ Value: 'v' }]), false);
    assert.equal(areValidTags([{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }]), false);
    assert.equal(areValidTags([{ Key: 'aliyun:x', Value: '' }]), false);
    assert.equal(areValidTags([{ Key: 'ACS:x', Value: '' }]), false);
  });

  it('a missing value is kept as empty; as a filter it matches any value', () => {
    assert.deepEqual(toTags([{ Key: 'a' }]), [{ key: 'a', value: '' }]);
    assert.deepEqual(toTagFilters([{ Key: 'a' }, { Key: 'b', Value: '' }, { Key: 'c', Value: 'x' }]), [
      { key: 'a', value: undefined },
      { key: 'b', value: undefined },
      { key: 'c', value: 'x' },
    ]);
  });
});
