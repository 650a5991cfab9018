// One crack told as a story: its number, its title and the steps that play it.
import type { DemoContext } from './demo-context.js';

export interface DemoStory {
  crack: string;
  title: string;
  /** What went wrong for a real customer, in a sentence. */
  before: string;
  play(ctx: DemoContext): Promise<void>;
}
