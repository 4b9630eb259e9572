/**
 * src/errors/catalog.ts is what scripts/gen-catalog.ts makes of the spec and the gateway table today. Needs
 * the shared contract folder (../shared/spec); without it the test fails and says where it looked.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CATALOG_FILE, renderCatalog } from '../../../scripts/gen-catalog.js';
import { catalog } from '../../../src/errors/catalog.js';
import { gatewayCodes } from '../../../src/errors/gateway-codes.js';
import { findSpecDir } from '../../../scripts/spec-dir.js';

describe('the error catalog', () => {
  it('is what `npm run gen:catalog` makes of operations.json and the gateway table', () => {
    assert.equal(readFileSync(CATALOG_FILE, 'utf8'), renderCatalog(), 'src/errors/catalog.ts is stale: run `npm run gen:catalog` and commit it');
  });

  it('holds every gateway code with its declared status and message', () => {
    for (const [code, entry] of Object.entries(gatewayCodes)) assert.deepEqual((catalog as Record<string, unknown>)[code], entry, code);
  });

  it('without the shared contract folder, fails saying where it looked', () => {
    assert.throws(() => findSpecDir('no-such-file.json'), /no shared\/spec\/no-such-file\.json in \/.*shared\/spec.*CI keeps it at \.\.\/shared/);
  });
});
