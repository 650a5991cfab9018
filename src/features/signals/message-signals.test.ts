import { describe, expect, it } from 'vitest';
import { detectIntents } from './intent-detector.js';
import { readMessageSignals } from './message-signals.js';
import { scoreSentiment } from './sentiment.js';

describe('one inbound message, read once', () => {
  it('carries a manager request, churn intent and sentiment together', () => {
    const text = "28 emails and the same answer every time. May I speak to a manager? I doubt I'll ever buy from you again.";
    const signals = readMessageSignals(text);
    expect(signals.managerRequest).toMatchObject({ detected: true, evidence: 'May I speak to a manager?' });
    expect(signals.churnIntent).toMatchObject({ detected: true, evidence: "I doubt I'll ever buy from you again." });
    expect(signals.sentiment).toBeLessThan(0);
    expect(signals).toEqual({ ...detectIntents(text), sentiment: scoreSentiment(text) });
  });

  it('an ordinary question carries none', () => {
    expect(readMessageSignals('Can I change the delivery address?')).toMatchObject({
      managerRequest: { detected: false },
      churnIntent: { detected: false },
    });
  });
});
