/**
 * Every link into a heading of the project's own documents (README.md, docs/*.md) lands on one: a heading
 * whose GitHub anchor it names, or an `<a id>`. Headings change as the documents grow, and a link that
 * stopped landing fails silently on GitHub (two did, to headings with a dash in a time range).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's anchor of a heading: lower case, without punctuation (dashes in text included), spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/<[^>]+>/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/** The anchors a document offers: its headings' (a repeated one numbered as GitHub does) and its `<a id>`s. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const anchor = anchorOf(heading!);
    const n = seen.get(anchor) ?? 0;
    anchors.add(n === 0 ? anchor : `${anchor}-${n}`);
    seen.set(anchor, n + 1);
  }
  for (const [, id] of text.matchAll(/<a id="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}

describe('links between the documents', () => {
  it('land on a heading or an anchor of the document they name', () => {
    const texts = new Map(DOCUMENTS.map((d) => [d, readFileSync(join(ROOT, d), 'utf8')]));
    const anchors = new Map([...texts].map(([d, text]) => [d, anchorsOf(text)]));
    const broken: string[] = [];
    let checked = 0;
    for (const [document, text] of texts) {
      for (const [, target, anchor] of text.matchAll(/\]\(([^)\s#]*)#([^)\s]+)\)/g)) {
        const named = target === '' ? document : normalize(join(dirname(document), target!));
        const offered = anchors.get(named);
        if (!offered) continue; // a file outside README.md and docs/ (source, results): not a heading link
        checked++;
        if (!offered.has(anchor!)) broken.push(`${document}: ${target}#${anchor}`);
      }
    }
    assert.ok(checked > 100, `links checked: ${checked}`);
    assert.deepEqual(broken, []);
  });
});
