// The reason catalog: the shipped defaults, lookup by code and recognising a reason stated in free text.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../shared/app-error.js';
import { reasonCatalogSchema, type Reason, type ReasonCatalog } from './reason.schemas.js';

const defaultsUrl = new URL('./reasons.defaults.yaml', import.meta.url);

/**
 * Parses and checks the `reasons` section of a YAML document; throws `validation_failed` listing every
 * problem, so Kept does not start on a catalog that would make channels disagree.
 */
export function parseReasonsYaml(options: { yaml: string; file?: string }): ReasonCatalog {
  const file = options.file ?? 'kept.config.yaml';
  const document = z.object({ reasons: z.unknown() }).safeParse(parse(options.yaml));
  const parsed = reasonCatalogSchema.safeParse(document.success ? document.data.reasons : undefined);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${file}: reasons.${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('validation_failed', { detail: issues.join('\n'), field: 'reasons' });
  }
  const problems = checkReasonCatalog(parsed.data);
  if (problems.length > 0) {
    throw new AppError('validation_failed', { detail: problems.map((problem) => `${file}: ${problem}`).join('\n'), field: 'reasons' });
  }
  return parsed.data;
}

/** The reason catalog Kept ships, parsed and checked. */
export function loadDefaultReasons(): ReasonCatalog {
  return parseReasonsYaml({ yaml: readFileSync(defaultsUrl, 'utf8'), file: 'reasons.defaults.yaml' });
}

/** The catalog entry for a code; an unknown code is a configuration or input error, never guessed. */
export function findReasonByCode(catalog: ReasonCatalog, code: string): Reason {
  const reason = catalog.find((entry) => entry.code === code);
  if (!reason) {
    throw new AppError('validation_failed', { detail: `unknown reason code ${code}`, field: 'reason' });
  }
  return reason;
}

// A phrase denied in its clause is not stated: "it was not out of stock", "nothing to do with inventory".
// Only linking words may stand between the denial and the phrase, so "could not complete payment
// verification" still states the payment reason.
const negation = /(?:\bnot|n['’]t|\bnever|\bnothing\s+to\s+do\s+with|\bno)\s+(?:(?:due|because|of|to|caused|by|related|about|from|a|an|the|any|it|is|was|really|actually|with|an?)\s+){0,4}$/i;
const clauseBreak = /[.;:!?,\n]/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrase: string): RegExp {
  // Apostrophes vary between ' and ’ in what people type; whitespace runs are one space.
  const body = escapeRegExp(phrase.toLowerCase()).replace(/'/g, "['’]").replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\w])${body}(?![\\w])`, 'gi');
}

function clauseBefore(text: string, index: number): string {
  const before = text.slice(0, index);
  let start = before.length;
  while (start > 0 && !clauseBreak.test(before.charAt(start - 1))) start -= 1;
  return before.slice(start);
}

export interface StatedReason {
  code: string;
  phrase: string;
  index: number;
}

/** Every place a catalog reason is stated (not denied) in free text, in order of appearance. */
export function findReasonStatements(text: string, catalog: ReasonCatalog): StatedReason[] {
  const found: StatedReason[] = [];
  for (const reason of catalog) {
    for (const phrase of reason.phrases) {
      for (const match of text.matchAll(phrasePattern(phrase))) {
        if (negation.test(clauseBefore(text, match.index))) continue;
        found.push({ code: reason.code, phrase: match[0], index: match.index });
      }
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The reason codes a text states, each once, in order of first appearance.
 * Used by the fact audit (crack C2) and by the test that every channel states the same reason.
 */
export function findStatedReasons(text: string, catalog: ReasonCatalog): string[] {
  return [...new Set(findReasonStatements(text, catalog).map((statement) => statement.code))];
}

/**
 * Problems that would break one voice in an edited catalog: a customer text that is not recognised as
 * its own reason, or that also states another. Kept refuses to start on any.
 */
export function checkReasonCatalog(catalog: ReasonCatalog): string[] {
  const problems: string[] = [];
  for (const reason of catalog) {
    const stated = findStatedReasons(reason.customer_text, catalog);
    if (!stated.includes(reason.code)) {
      problems.push(`reason ${reason.code}: its customer_text matches none of its phrases`);
    }
    for (const other of stated.filter((code) => code !== reason.code)) {
      problems.push(`reason ${reason.code}: its customer_text also states ${other}`);
    }
  }
  return problems;
}
