// A relay for tests: a real SMTP server standing in for the provider Kept sends through. It keeps what
// it receives and can be told to refuse with a temporary error.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseEmail } from '../../src/channels/email/parse-email.js';
import type { ParsedEmail } from '../../src/channels/email/parsed-email.js';

export interface TestRelay {
  url: string;
  received: { raw: Buffer; email: ParsedEmail }[];
  /** Answers the next n messages with 451 (try again later). */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

export async function startTestRelay(): Promise<TestRelay> {
  const received: TestRelay['received'] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1;
          callback(Object.assign(new Error('try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        void parseEmail(raw).then((parsed) => {
          if (parsed.ok) received.push({ raw, email: parsed.email });
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
