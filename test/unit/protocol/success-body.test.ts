/**
 * A success answer's body is the operation's fields after RequestId (src/protocol/render.ts), written without
 * copying the fields into a new object: byte for byte what `{ RequestId, ...fields }` gives.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { successResponse } from '../../../src/protocol/render.js';

describe('a success body', () => {
  it('is the JSON of RequestId followed by the fields, as a spread would write it', () => {
    const requestId = '0D7E5C1A-77B4-4F4B-9C8D-3A1B2C3D4E5F';
    const bodies: Array<Record<string, unknown>> = [
      {},
      { Contact: { ContactId: 'c-1', Name: 'a "quoted" \\ name\n', MessageTypes: ['ServiceMessage'] } },
      { Skipped: undefined },
      { Skipped: undefined, Kept: 0 },
      { Total: 3, List: [{ a: null }, {}], Empty: '' },
      { RequestId: 'the operation says otherwise', Other: true },
    ];
    for (const body of bodies) assert.equal(successResponse(requestId, body, {}).body, JSON.stringify({ RequestId: requestId, ...body }), JSON.stringify(body));
  });
});
