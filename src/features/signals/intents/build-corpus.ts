// Builds the training corpus for the intent model: thousands of messages drawn from the phrasing templates,
// some framed by a greeting, the matter and a sign-off, some with typos, text-speak or shouting, plus the
// hand-labelled messages. Deterministic: the same templates and seed give the same corpus, so the trained
// weights can carry a hash of what they were trained on. The held-out set is read only to keep out any
// drawn message that happens to say the same words as one of its messages.
import { readFileSync } from 'node:fs';
import { createSeededRandom, type SeededRandom } from '../../history/seeded-random.js';
import { churnHardNegatives, churnPositives } from './corpus-churn.js';
import { contexts, everydayMessages, greetings, signOffs } from './corpus-general.js';
import { managerHardNegatives, managerPositives } from './corpus-manager.js';
import { expandTemplate } from './template-expander.js';

export interface TrainingMessage {
  readonly text: string;
  readonly managerRequest: boolean;
  readonly churnIntent: boolean;
}

/** How many messages of each kind the corpus draws (before duplicates are dropped). */
export const corpusPlan = { managerPositive: 1800, churnPositive: 1800, both: 200, managerHard: 1300, churnHard: 1500, everyday: 3600 } as const;
const seed = 19;

const swaps: Record<string, string> = { you: 'u', your: 'ur', please: 'pls', thanks: 'thx', are: 'r', through: 'thru', because: 'cos' };

function typo(word: string, random: SeededRandom): string {
  if (word.length < 4 || !/^[a-z]+$/i.test(word)) return word;
  const at = random.int(1, word.length - 2);
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + word[at] + word.slice(at);
    default:
      return word.slice(0, at) + random.pick([...'aeiourstn']) + word.slice(at + 1);
  }
}

/** The ways people actually type: lower case, no final stop, a typo or two, text-speak, shouting. */
function addNoise(text: string, random: SeededRandom): string {
  let out = text;
  if (random.chance(0.2)) {
    const words = out.split(' ');
    const at = random.int(0, words.length - 1);
    words[at] = typo(words[at]!, random);
    out = words.join(' ');
  }
  if (random.chance(0.1)) out = out.replace(/\b(you|your|please|thanks|are|through|because)\b/gi, (w) => swaps[w.toLowerCase()] ?? w);
  if (random.chance(0.25)) out = out.toLowerCase();
  else if (random.chance(0.04)) out = out.toUpperCase();
  if (random.chance(0.15)) out = out.replace(/[.!?]+$/, '');
  else if (random.chance(0.08)) out = out.replace(/[.!?]*$/, random.pick(['!!', '!!!', '...', '?!']));
  return out;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The intent sentence alone or inside a longer message, the way customers write. */
function frame(core: string, random: SeededRandom): string {
  if (random.chance(0.45)) return sentence(core);
  const parts = [random.pick(greetings)];
  // Up to four sentences of the matter around the intent: long emails bury it among facts.
  for (let n = random.int(0, 4); n > 0; n--) {
    parts.push(random.chance(0.6) ? expandTemplate({ template: random.pick(contexts), random }) : sentence(expandTemplate({ template: random.pick(everydayMessages), random })));
  }
  const at = random.int(1, parts.length);
  parts.splice(at, 0, sentence(core));
  parts.push(random.pick(signOffs));
  return parts.filter(Boolean).join(' ');
}

function draw(options: { templates: readonly string[]; count: number; random: SeededRandom; framed: boolean; label: Omit<TrainingMessage, 'text'>; seen: Set<string>; into: TrainingMessage[] }): void {
  const { templates, count, random, seen, into } = options;
  for (let made = 0, tries = 0; made < count && tries < count * 20; tries++) {
    const core = expandTemplate({ template: templates[made % templates.length]!, random });
    const text = addNoise(options.framed ? frame(core, random) : sentence(core), random);
    const key = sameWords(text);
    if (seen.has(key)) continue;
    seen.add(key);
    into.push({ text, ...options.label });
    made++;
  }
}

/** The hand-labelled messages Kept's rules were written against; they train the model as well. */
function handLabelled(): TrainingMessage[] {
  const raw = JSON.parse(readFileSync(new URL('../fixtures/labelled-messages.json', import.meta.url), 'utf8')) as TrainingMessage[];
  return raw.map(({ text, managerRequest, churnIntent }) => ({ text, managerRequest, churnIntent }));
}

/** Case, punctuation and spacing aside: two messages that read the same are the same message. */
export function sameWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function heldOutWordings(): Set<string> {
  const raw = JSON.parse(readFileSync(new URL('../fixtures/intents-heldout.json', import.meta.url), 'utf8')) as Array<{ text: string }>;
  return new Set(raw.map((message) => sameWords(message.text)));
}

/**
 * The full training corpus, in a fixed order. `keepTemplate` keeps only some templates of every list (by
 * position), so wordings can be held out whole to measure how the model does on phrasings it never saw.
 */
export function buildIntentCorpus(options: { keepTemplate?: (index: number) => boolean; handLabelled?: boolean } = {}): TrainingMessage[] {
  const random = createSeededRandom(seed);
  const keep = options.keepTemplate ?? (() => true);
  // Short everyday wordings ("Escalation please.") can come out of a template exactly as someone wrote them in
  // the held-out set; such draws are dropped, as are hand-labelled messages that read the same.
  const heldOut = heldOutWordings();
  const pick = (templates: readonly string[]) => templates.filter((_, index) => keep(index));
  const seen = new Set<string>(heldOut);
  const out: TrainingMessage[] = [];
  for (const message of options.handLabelled === false ? [] : handLabelled()) {
    if (seen.has(sameWords(message.text))) continue;
    seen.add(sameWords(message.text));
    out.push(message);
  }
  const none = { managerRequest: false, churnIntent: false };
  draw({ templates: pick(managerPositives), count: corpusPlan.managerPositive, random, framed: true, label: { managerRequest: true, churnIntent: false }, seen, into: out });
  draw({ templates: pick(churnPositives), count: corpusPlan.churnPositive, random, framed: true, label: { managerRequest: false, churnIntent: true }, seen, into: out });
  const both = managerPositives.flatMap((m, i) => [`${m}. ${churnPositives[i % churnPositives.length]}`, `${churnPositives[(i * 7) % churnPositives.length]}. ${m}`]);
  draw({ templates: pick(both), count: corpusPlan.both, random, framed: false, label: { managerRequest: true, churnIntent: true }, seen, into: out });
  draw({ templates: pick(managerHardNegatives), count: corpusPlan.managerHard, random, framed: true, label: none, seen, into: out });
  draw({ templates: pick(churnHardNegatives), count: corpusPlan.churnHard, random, framed: true, label: none, seen, into: out });
  draw({ templates: pick(everydayMessages), count: corpusPlan.everyday, random, framed: true, label: none, seen, into: out });
  return out;
}
