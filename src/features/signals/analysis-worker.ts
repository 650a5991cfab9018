// Runs in a worker thread of the analysis pool: reads one customer message with the language model, away
// from the thread that answers HTTP and SMTP. The model is loaded once per worker, on its first message.
import { readMessageSignals, type MessageSignals } from './message-signals.js';

export default function analyseInWorker(text: string): MessageSignals {
  return readMessageSignals(text);
}
