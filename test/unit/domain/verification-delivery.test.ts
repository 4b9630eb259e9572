import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type { ResourceDirectory } from '../../../src/domain/directory.js';
import { VerificationService } from '../../../src/domain/verification.js';
import { NodePresence } from '../../../src/domain/node-presence.js';
import { Leases } from '../../../src/domain/leases.js';
import type { Delivery, VerificationMessage } from '../../../src/delivery/delivery.js';
import { MessageTemplates } from '../../../src/delivery/templates.js';
import { ApiError } from '../../../src/errors/api-error.js';
import { openTestServices, type TestServices } from '../../support/services.js';

/** A delivery that is down (an SMTP server refusing), then back. */
class FlakyDelivery implements Delivery {
  down = true;
  sent: VerificationMessage[] = [];
  async send(message: VerificationMessage): Promise<void> {
    if (this.down) throw new Error('connection refused');
    this.sent.push(message);
  }
}

describe('a verification message that cannot be delivered', () => {
  let t: TestServices;
  let rd: ResourceDirectory;
  before(async () => {
    t = await openTestServices();
    rd = await t.services.directory.enable('1000000000000003', false);
  });
  after(() => t.close());

  it('answers ServiceUnavailable and does not count against the daily limit; only the delivered link works', async () => {
    const delivery = new FlakyDelivery();
    const verification = new VerificationService(t.store, delivery, new Leases(t.store, new NodePresence(t.store), t.metrics), t.services.contacts, pino({ level: 'silent' }), {
      ttlMs: 60_000,
      dailyLimit: 1,
      perMinuteLimit: 10,
      publicUrl: () => 'http://127.0.0.1:1',
      templates: new MessageTemplates(),
    });
    const { id } = await t.services.contacts.add(rd, { name: 'Flaky', email: 'f@example.com', phone: undefined, title: 'CEO', messageTypes: ['AccountExpenses'] });
    await assert.rejects(verification.send(rd, id, 'email', 'f@example.com'), (err) => err instanceof ApiError && err.code === 'ServiceUnavailable' && err.status === 503);
    await assert.rejects(verification.send(rd, id, 'email', 'f@example.com'), (err) => err instanceof ApiError && err.code === 'ServiceUnavailable');
    delivery.down = false;
    // The limit is 1: the failed sends did not use it.
    await verification.send(rd, id, 'email', 'f@example.com');
    assert.equal(delivery.sent.length, 1);
    const message = delivery.sent[0]!;
    assert.deepEqual(
      { channel: message.channel, to: message.to, contactId: message.contactId, contactName: message.contactName, accountId: message.accountId },
      { channel: 'email', to: 'f@example.com', contactId: id, contactName: 'Flaky', accountId: '1000000000000003' },
    );
    assert.match(message.link, /^http:\/\/127\.0\.0\.1:1\/verify\/[A-Za-z0-9_-]{43}$/);
    await assert.rejects(verification.send(rd, id, 'email', 'f@example.com'), (err) => err instanceof ApiError && err.code === 'SendValidateCodeExceedsLimitForAccount');
    // Only the delivered token works.
    const token = message.link.slice(message.link.lastIndexOf('/') + 1);
    assert.equal((await verification.confirm(token)).outcome, 'verified');
  });
});
