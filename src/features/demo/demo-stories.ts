// The cracks of SPEC §1, in order: one story each.
import { silentStateChange } from './c01-silent-state-change.js';
import { twoReasons } from './c02-two-reasons.js';
import { mislabelledData } from './c03-mislabelled-data.js';
import { blackHole } from './c04-black-hole.js';
import { lostHandOff } from './c05-lost-hand-off.js';
import { lostPaperwork } from './c06-lost-paperwork.js';
import { surge } from './c07-surge.js';
import { groundhogDay } from './c08-groundhog-day.js';
import { ignoredEscalation } from './c09-ignored-escalation.js';
import { ignoredChurnSignal } from './c10-ignored-churn-signal.js';
import { promiseInWords } from './c11-promise-in-words.js';
import type { DemoStory } from './demo-story.js';

export const demoStories: readonly DemoStory[] = [
  silentStateChange,
  twoReasons,
  mislabelledData,
  blackHole,
  lostHandOff,
  lostPaperwork,
  surge,
  groundhogDay,
  ignoredEscalation,
  ignoredChurnSignal,
  promiseInWords,
];
