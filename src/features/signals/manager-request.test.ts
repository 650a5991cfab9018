import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreDetector, type LabelledMessage } from './detector-evaluation.js';
import { detectManagerRequest } from './manager-request.js';

const load = (name: string): LabelledMessage[] => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as LabelledMessage[];

describe('a request for a manager is heard in any wording', () => {
  it.each([
    'May I speak to a manager?',
    'Could you please escalate this to your supervisor?',
    'Put me through to someone in charge.',
    'I want your boss.',
    'can i talk to ur manger',
    'I need a supervisr to call me back',
    'Is there anyone more senior I can talk to?',
    'Escalate. This. Now.',
    'Can I speak to your line manager?',
    'I want to file a complaint with management.',
    'Is your manager around?',
    'Who is in charge there?',
    "I'd like to have a word with your boss",
    'The agent was rude. I want to speak to her manager.',
    'Please send my complaint to management.',
  ])('hears "%s"', (text) => {
    const result = detectManagerRequest(text);
    expect(result.detected).toBe(true);
    expect(result.evidence).toBeTruthy();
  });

  it.each([
    'No need for a manager, thanks.',
    "I don't want to talk to a supervisor.",
    'My manager at work recommended you.',
    'Your store manager was great.',
    'The account manager sent me the invoice.',
    'I managed to find the tracking link.',
    'Things escalated with the courier but it is fine now.',
    "I've told your supervisor already and nothing happened.",
    'I asked my manager, she said to contact you.',
    'I will escalate this to my bank.',
    "My wife's manager recommended you.",
  ])('does not hear one in "%s"', (text) => {
    expect(detectManagerRequest(text).detected).toBe(false);
  });

  it('points to the sentence that asked, among others', () => {
    const result = detectManagerRequest('My parcel is late again. Please put me through to your supervisor. Thanks.');
    expect(result.evidence).toBe('Please put me through to your supervisor.');
  });

  it('reaches precision and recall of at least 0.9 on the labelled messages', () => {
    const examples = load('labelled-messages.json');
    expect(examples.length).toBeGreaterThanOrEqual(250);
    const score = scoreDetector({ detect: detectManagerRequest, examples, label: 'managerRequest' });
    console.log(`manager request on ${examples.length} labelled messages: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`, {
      falsePositives: score.falsePositives,
      falseNegatives: score.falseNegatives,
    });
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });

  it.each(['holdout-messages.json', 'third-messages.json'])('reaches the same floors on the later-written set %s', (file) => {
    const examples = load(file);
    const score = scoreDetector({ detect: detectManagerRequest, examples, label: 'managerRequest' });
    console.log(`manager request on ${examples.length} messages of ${file}: precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}`, {
      falsePositives: score.falsePositives,
      falseNegatives: score.falseNegatives,
    });
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
    expect(score.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the quick pre-check a reader of many messages uses', () => {
  it('never says no where a rule asks for a manager, on every labelled and training message', async () => {
    const { buildIntentCorpus } = await import('./intents/build-corpus.js');
    const { mayAskForSeniorPerson } = await import('./manager-request.js');
    const texts = [
      ...buildIntentCorpus().map((message) => message.text),
      ...['intents-heldout.json', 'labelled-messages.json', 'holdout-messages.json', 'third-messages.json'].flatMap((file) => load(file).map((m) => m.text)),
    ];
    const missed = texts.filter((text) => detectManagerRequest(text).detected && !mayAskForSeniorPerson(text));
    expect(missed).toEqual([]);
    expect(texts.filter((text) => !mayAskForSeniorPerson(text)).length).toBeGreaterThan(texts.length / 2);
  });
});
