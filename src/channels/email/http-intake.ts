// The raw-message door for providers' inbound webhooks (POST /api/v1/inbound/email): same sink as SMTP.
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import type { RawMailSink } from './mail-ports.js';
import { withoutMboxEnvelope } from './parse-email.js';
import { defaultMaxMessageBytes } from './smtp-intake.js';

export interface ReceiveRawEmailOptions {
  raw: Buffer;
  sink: RawMailSink;
  clock: Clock;
  maxBytes?: number;
  /** Recipient the provider reports, when it sends one alongside the message. */
  rcptTo?: string[];
}

/**
 * Stores a raw RFC 5322 message received over HTTP. Throws AppError `payload_too_large` or
 * `validation_failed`; the route maps them to 413 and 400. Parsing happens later in the worker.
 */
export async function receiveRawEmail(options: ReceiveRawEmailOptions): Promise<{ id: string }> {
  const maxBytes = options.maxBytes ?? defaultMaxMessageBytes;
  if (options.raw.length > maxBytes) {
    throw new AppError('payload_too_large', { detail: `the message is larger than ${maxBytes} bytes` });
  }
  // Only the first line is checked here: enough to refuse something that is plainly not mail. An mbox
  // envelope line (`From sender@host Tue …`) may come first, as from a mailbox export; the parser skips it.
  const firstLine = withoutMboxEnvelope(options.raw).subarray(0, 1000).toString('latin1').split(/\r?\n/)[0] ?? '';
  if (!/^[A-Za-z][A-Za-z0-9-]*:/.test(firstLine)) {
    throw new AppError('validation_failed', { detail: 'the body is not an RFC 5322 message (no header lines)' });
  }
  return options.sink.saveRaw({
    raw: options.raw,
    envelope: { mailFrom: null, rcptTo: options.rcptTo ?? [], source: 'http' },
    receivedAt: options.clock.now(),
  });
}
