import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectChurnIntent } from './churn-intent.js';
import { scoreDetector, type LabelledMessage } from './detector-evaluation.js';

const load = (name: string): LabelledMessage[] => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as LabelledMessage[];

describe('a customer about to leave is noticed', () => {
  it.each([
    "I'll never buy from you again",
    "I'm taking my business elsewhere.",
    'Please cancel my account.',
    "I doubt I'll ever order again",
    "I'm switching to your competitor.",
    'Expect a chargeback and a lost customer.',
    "If this isn't fixed by Friday I'm done with you.",
    'Why would I ever order from you again?',
    "Unless you refund me, I'm taking my business elsewhere.",
  ])('notices "%s"', (text) => {
    expect(detectChurnIntent(text).detected).toBe(true);
  });

  it.each([
    "I'll never stop buying from you",
    "I'm not leaving, I just want an answer.",
    'Can I cancel my order? Wrong size.',
    'I never received my order.',
    "My friend said she'd never buy from you again, but I disagree.",
    "I'm closing my account with my bank.",
    'Please close my old account and keep the new one.',
    "I don't want to close my account, just change the email on it.",
  ])('does not read churn into "%s"', (text) => {
    expect(detectChurnIntent(text).detected).toBe(false);
  });

  it('reaches precision and recall of at least 0.9 on the labelled messages', () => {
    const examples = load('labelled-messages.json');
    const score = scoreDetector({ detect: detectChurnIntent, examples, label: 'churnIntent' });
    console.log(`churn intent on ${examples.length} labelled messages: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`, {
      falsePositives: score.falsePositives,
      falseNegatives: score.falseNegatives,
    });
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['holdout-messages.json', 'third-messages.json'])('reaches the same floors on the later-written set %s', (file) => {
    const examples = load(file);
    const score = scoreDetector({ detect: detectChurnIntent, examples, label: 'churnIntent' });
    console.log(`churn intent on ${examples.length} messages of ${file}: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`, {
      falsePositives: score.falsePositives,
      falseNegatives: score.falseNegatives,
    });
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });
});
