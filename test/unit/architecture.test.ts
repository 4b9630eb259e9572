import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layering of src/, read from its import statements: the HTTP adapter on top, the request pipeline
 * below it, the operations, the domain, the store at the bottom.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** The store files the domain may import: the store's interface (Store, a transaction's Repositories) and its table types. */
const STORE_INTERFACE = ['store/store.ts', 'store/records.ts'];

/** Where Fastify may be imported: the HTTP adapter and the pages it serves. */
const FASTIFY_ALLOWED = ['http/', 'web/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Static imports and re-exports (`import … from`, `import '…'`, `export … from`) and dynamic `import('…')`. */
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Each file of src/ (relative to it) → what it imports: files of src/ (relative) or package names. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (!spec.startsWith('.')) {
        targets.push(spec);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      assert.ok(existsSync(target), `${relative(SRC, file)} imports ${spec}, which is not a file of src/`);
      targets.push(relative(SRC, target));
    }
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

/** Every import circle, each once, as the chain of files from its first file back to it. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string) => {
    const at = onPath.indexOf(file);
    if (at >= 0) {
      found.push([...onPath.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next);
    onPath.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return found;
}

/** `file imports target` for each import of a file under `from` that `forbidden` refuses. */
function violations(graph: Map<string, string[]>, from: string, forbidden: (target: string) => boolean): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith(from))
    .flatMap(([file, targets]) => targets.filter(forbidden).map((target) => `${file} imports ${target}`));
}

describe('architecture of src/', () => {
  const graph = importGraph();

  it('reads the imports of every file (the reader itself works)', () => {
    assert.ok(graph.size > 50);
    assert.ok(graph.get('app.ts')!.includes('http/server.ts'));
    assert.ok(graph.get('main.ts')!.includes('runtime.ts'), 'a dynamic import counts');
    assert.ok(graph.get('http/server.ts')!.includes('fastify'));
    assert.deepEqual(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]])), [['a', 'b', 'c', 'a']]);
  });

  it('has no import circle', () => {
    assert.deepEqual(circles(graph), []);
  });

  it('only the HTTP adapter and its pages import Fastify', () => {
    const outside = [...graph]
      .filter(([file]) => !FASTIFY_ALLOWED.some((dir) => file.startsWith(dir)))
      .flatMap(([file, targets]) => targets.filter((t) => t === 'fastify' || t.startsWith('fastify/') || t.startsWith('@fastify/')).map((t) => `${file} imports ${t}`));
    assert.deepEqual(outside, []);
  });

  it('the domain imports neither the protocol nor the HTTP side', () => {
    assert.deepEqual(violations(graph, 'domain/', (t) => t.startsWith('protocol/') || t.startsWith('http/') || t.startsWith('web/') || t === 'fastify'), []);
  });

  it('the store imports neither the domain, nor auth, nor the protocol', () => {
    assert.deepEqual(violations(graph, 'store/', (t) => t.startsWith('domain/') || t.startsWith('auth/') || t.startsWith('protocol/')), []);
  });

  it(`the domain imports of the store only its interface (${STORE_INTERFACE.join(', ')})`, () => {
    assert.deepEqual(violations(graph, 'domain/', (t) => t.startsWith('store/') && !STORE_INTERFACE.includes(t)), []);
  });
});
