// The parse pool's worker: one message in, its ParsedEmail (or typed failure) out. Runs in a worker thread.
import { parseEmail, type ParseLimits } from './parse-email.js';
import type { ParseEmailResult } from './parsed-email.js';

export default function parseInWorker(task: { raw: Uint8Array; limits: ParseLimits }): Promise<ParseEmailResult> {
  return parseEmail(Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength), task.limits);
}
