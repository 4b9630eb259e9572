/**
 * The answer record (RDC_ANSWER_RECORD): one JSON line per API answer, saying what the server answered to
 * what, for docs/compatibility.md (scripts/compatibility.ts). Off unless the setting names a folder; each
 * recorder appends to a file of its own there, so servers running side by side (in one process or many)
 * never interleave. Lines are written synchronously: a server killed mid-test keeps what it answered.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export interface Answer {
  /** The action the request was signed for; absent when the gateway refused it before knowing. */
  action?: string;
  version?: string;
  /** The operation's parameters the request carried (by the names of its parameter table). */
  params?: string[];
  status: number;
  /** The error code; absent on success. */
  code?: string;
}

export type AnswerRecorder = (answer: Answer) => void;

/** A recorder writing to a new file in `dir`, or none when `dir` is unset. */
export function answerRecorder(dir: string | undefined): AnswerRecorder | undefined {
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `answers-${process.pid}-${randomBytes(4).toString('hex')}.jsonl`);
  return (answer) => appendFileSync(file, JSON.stringify(answer) + '\n');
}
