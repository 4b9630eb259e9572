import type { Migration } from 'kysely';
import * as foundation from './001_foundation.js';
import * as directory from './002_directory.js';
import * as contacts from './003_contacts.js';
import * as delivery from './004_delivery.js';
import * as nonceBatches from './005_nonce_batches.js';
import * as housekeeping from './006_housekeeping.js';
import * as messages from './007_messages.js';

/** Every migration, in order. Names are recorded in the store; never rename or reorder one that shipped. */
export const migrations: Record<string, Migration> = {
  '001_foundation': foundation,
  '002_directory': directory,
  '003_contacts': contacts,
  '004_delivery': delivery,
  '005_nonce_batches': nonceBatches,
  '006_housekeeping': housekeeping,
  '007_messages': messages,
};
