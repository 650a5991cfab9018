// The `promises:` section of kept.config.yaml (what a promise without a time is given, when one is at risk),
// and the start-up check of what Kept's own templates promise.
import { z } from 'zod';
import { fallbackTemplate } from '../comms/fallback-template.js';
import type { ReasonCatalog } from '../comms/reason.schemas.js';
import { locateTemplateFields } from '../comms/template-loader.js';
import type { MessageTemplate } from '../comms/template.schemas.js';
import type { EngineConfig } from '../commitments/engine.types.js';
import { checkTemplatePromises, type TemplatePromiseProblem, type TemplateReading } from './template-promises.js';

export const promisesSectionSchema = z
  .object({
    /** Business hours (on the default calendar) a vague promise — "we'll look into it" — is given. */
    vague_deadline_business_hours: z
      .number()
      .positive()
      .max(24 * 30)
      .default(8),
    /** Minutes before its deadline a promise is marked at risk (and shows in the at-risk queue). */
    at_risk_lead_minutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(60),
    /** The calendar that counts business time for promises; `default` unless named. */
    calendar: z.string().default('default'),
  })
  .strict();

export type PromisesSection = z.infer<typeof promisesSectionSchema>;
export const defaultPromisesSection: PromisesSection = promisesSectionSchema.parse({});

/** The section in force: the file's, or the defaults when it has none. */
export function promisesSectionOf(file: { promises?: PromisesSection | undefined }): PromisesSection {
  return file.promises ?? defaultPromisesSection;
}

/** How Kept's templates are read for promises: the engine's policies and the calendar the section names. */
export function templateReadingOf(options: { engine: EngineConfig; section: PromisesSection }): TemplateReading | undefined {
  const calendar = options.engine.calendars[options.section.calendar];
  return calendar && { engine: options.engine, calendar, zone: calendar.zone };
}

/** A problem of the promises config, with the line of the file it is on. */
export interface PromisesConfigProblem {
  line: number | undefined;
  field: string;
  message: string;
}

/**
 * The start-up check of the templates' promises: a configured template (or a reason's fallback) that promises
 * less time than the policy that backs it gives stops Kept, naming the field and the line of the promise; so
 * does a `promises.calendar` that names no calendar.
 */
export function checkPromisesConfig(options: {
  yaml: string;
  file: { promises?: PromisesSection | undefined; templates?: MessageTemplate[] | undefined; reasons?: ReasonCatalog | undefined };
  engine: EngineConfig;
  lineOf: (path: readonly (string | number)[]) => number | undefined;
}): PromisesConfigProblem[] {
  const { file, lineOf } = options;
  const reading = templateReadingOf({ engine: options.engine, section: promisesSectionOf(file) });
  if (!reading) return [{ line: lineOf(['promises', 'calendar']), field: 'promises.calendar', message: `no calendar named ${promisesSectionOf(file).calendar}` }];
  const problems: PromisesConfigProblem[] = [];
  const report = (field: string, start: number | undefined, found: TemplatePromiseProblem) =>
    problems.push({ line: start === undefined ? undefined : start + found.line - 1, field, message: `template ${found.templateId} ${found.message}` });
  const located = locateTemplateFields(options.yaml);
  for (const found of checkTemplatePromises(file.templates ?? [], reading)) {
    const index = file.templates?.findIndex((template) => template.id === found.templateId) ?? -1;
    report(`templates.${index}.${found.field}`, located[found.templateId]?.[found.field], found);
  }
  (file.reasons ?? []).forEach((reason, index) => {
    for (const found of checkTemplatePromises([fallbackTemplate(reason)], reading)) {
      const keyLine = lineOf(['reasons', index, 'fallback', found.field]);
      // A fallback's text is a block scalar: it starts on the line after its key.
      report(`reasons.${index}.fallback.${found.field}`, keyLine === undefined ? undefined : keyLine + (found.field === 'text' ? 1 : 0), found);
    }
  });
  return problems;
}
