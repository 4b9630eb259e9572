import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Small key/value facts the server keeps about itself. */
export class MetaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  /** The key's value, setting it to `value` first when it has none: every node that races gets the same one. */
  async claim(key: string, value: string): Promise<string> {
    await this.db.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doNothing()).execute();
    return (await this.get(key))!;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
