import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from './clients.js';

/** A key of an identities file, as the file spells it, and as client credentials. */
export function key(id: string, status?: 'Active' | 'Inactive'): { id: string; secret: string; status?: 'Active' | 'Inactive' } {
  return { id, secret: `secret-of-${id}`, ...(status && { status }) };
}

export function credsOf(id: string): Credentials {
  return { accessKeyId: id, accessKeySecret: `secret-of-${id}` };
}

/** Writes an identities document to a fresh temporary file and returns its path. */
export function writeIdentities(doc: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rdc-identities-')), 'identities.json');
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

/** Replaces the file the way editors and config managers do: write a sibling, then rename over it. */
export function replaceIdentities(file: string, doc: unknown): void {
  writeFileSync(file + '.tmp', JSON.stringify(doc, null, 2));
  renameSync(file + '.tmp', file);
}
