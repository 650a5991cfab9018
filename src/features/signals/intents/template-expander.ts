// Expands a phrasing template into one message: `{a|b|c}` picks one alternative, `[x]` keeps x half the
// time, and groups nest. The training corpus is written as templates so that a few hundred lines of
// wording give thousands of different messages, each drawn from a seeded random source.
import type { SeededRandom } from '../../history/seeded-random.js';

type Part = string | { readonly alternatives: readonly Part[][] } | { readonly optional: readonly Part[] };

function parseSequence(template: string, start: number, stops: string): { parts: Part[][]; end: number } {
  const alternatives: Part[][] = [[]];
  let literal = '';
  let i = start;
  const flush = () => {
    if (literal) alternatives[alternatives.length - 1]!.push(literal);
    literal = '';
  };
  while (i < template.length) {
    const ch = template[i]!;
    if (stops.includes(ch)) break;
    if (ch === '|' && stops !== '') {
      flush();
      alternatives.push([]);
      i++;
    } else if (ch === '{') {
      flush();
      const inner = parseSequence(template, i + 1, '}');
      alternatives[alternatives.length - 1]!.push({ alternatives: inner.parts });
      i = inner.end + 1;
    } else if (ch === '[') {
      flush();
      const inner = parseSequence(template, i + 1, ']');
      alternatives[alternatives.length - 1]!.push({ optional: inner.parts.flat() });
      i = inner.end + 1;
    } else {
      literal += ch;
      i++;
    }
  }
  flush();
  if (stops !== '' && template[i] === undefined) throw new SyntaxError(`unclosed group in template: ${template}`);
  return { parts: alternatives, end: i };
}

function render(parts: readonly Part[], random: SeededRandom): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('alternatives' in part) out += render(random.pick(part.alternatives), random);
    else if (random.chance(0.5)) out += render(part.optional, random);
  }
  return out;
}

/** One message drawn from `template`, with runs of spaces and spaces before punctuation tidied away. */
export function expandTemplate(options: { template: string; random: SeededRandom }): string {
  const parsed = parseSequence(options.template, 0, '');
  return render(parsed.parts[0] ?? [], options.random)
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.!?;:])/g, '$1')
    .replace(/([,.!?;:])(?=[,.])/g, '')
    .trim();
}
