// Child process for the SIGKILL test: Kept's SMTP intake on the real store (a PGlite directory or a
// PostgreSQL URL), announcing its port on stdout. The test kills it mid-intake.
import { createSmtpIntake } from '../../src/channels/email/smtp-intake.js';
import { createStoreSink } from '../../src/channels/email/store-ports.js';
import { createStore } from '../../src/db/create-db.js';

const target = process.argv[2];
if (!target) throw new Error('usage: smtp-intake-child <data dir | postgres url>');
const store = await createStore(target.startsWith('postgres') ? { databaseUrl: target } : { dataDir: target });
const intake = createSmtpIntake({ port: 0, host: '127.0.0.1', sink: createStoreSink({ db: store.db }) });
const { port } = await intake.listen();
process.stdout.write(`${port}\n`);
