/**
 * The shared contract folder (`shared/spec`) read by tests. CI keeps `shared/` beside the repository
 * (`../shared`); a git worktree one level deeper finds it one folder further up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSpecDir } from '../../scripts/spec-dir.js';

export const SPEC_DIR = findSpecDir('captures');
export const CAPTURES_DIR = join(SPEC_DIR, 'captures');

/** A request exactly as the capture server received it. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  bodyLength: number;
}

export interface CapturedEntry {
  /** file and position, e.g. `special-chars.json#3 AddMessageContact#pop-core-get` */
  name: string;
  request: CapturedRequest;
}

export function readCapture(file: string): any {
  return JSON.parse(readFileSync(join(CAPTURES_DIR, file), 'utf8'));
}

/** Every request recorded in the captures: exchanges, retried requests and the frozen worked examples. */
export function capturedRequests(): CapturedEntry[] {
  const out: CapturedEntry[] = [];
  for (const file of readdirSync(CAPTURES_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const capture = readCapture(file);
    (capture.exchanges ?? []).forEach((e: any, i: number) => out.push({ name: `${file}#${i + 1} ${e.operation}`, request: e.request }));
    (capture.results ?? []).forEach((r: any, i: number) =>
      (r.requests ?? []).forEach((q: any, j: number) => out.push({ name: `${file}#${i + 1}.${j + 1} ${r.client} ${r.scenario}`, request: q })),
    );
    (capture.examples ?? []).forEach((e: any, i: number) => out.push({ name: `${file}#${i + 1} ${e.title}`, request: e.request }));
  }
  return out;
}
