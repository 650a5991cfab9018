// The `reasons` and `templates` sections of kept.config.yaml as the running Kept uses them: the configured
// ones (or the shipped defaults when a section is absent), checked once at start with the file's lines.
import { fallbackTemplate } from './fallback-template.js';
import { checkReasonCatalog, loadDefaultReasons } from './reason-catalog.js';
import type { ReasonCatalog } from './reason.schemas.js';
import { checkTemplates } from './template-check.js';
import { loadDefaultTemplates, locateTemplateFields } from './template-loader.js';
import type { MessageTemplate } from './template.schemas.js';

export interface CommsConfig {
  reasons: ReasonCatalog;
  templates: MessageTemplate[];
}

/** A problem found after the schema passed, with the line of the file it is on. */
export interface CommsConfigProblem {
  line: number | undefined;
  field: string;
  message: string;
}

/** The reasons and templates in force: the configured sections, or the shipped ones for a section left out. */
export function resolveCommsConfig(sections: { reasons?: ReasonCatalog | undefined; templates?: MessageTemplate[] | undefined }): CommsConfig {
  return { reasons: sections.reasons ?? loadDefaultReasons(), templates: sections.templates ?? loadDefaultTemplates() };
}

// lineOf points at a block scalar's `|` line; its text starts on the next one.
function textLine(line: number | undefined): number | undefined {
  return line === undefined ? undefined : line + 1;
}

/**
 * The start-up check of crack C3 and C2: every template's labels against its values' kinds (with the line
 * in the YAML text), every reference to a reason, and a catalog whose customer texts state their own reason.
 * Kept refuses to start on any problem.
 */
export function checkCommsConfig(options: {
  yaml: string;
  sections: { reasons?: ReasonCatalog | undefined; templates?: MessageTemplate[] | undefined };
  lineOf: (path: readonly (string | number)[]) => number | undefined;
}): CommsConfigProblem[] {
  const { sections, lineOf } = options;
  const problems: CommsConfigProblem[] = [];
  if (sections.reasons) {
    for (const message of checkReasonCatalog(sections.reasons)) {
      const code = /^reason (\S+):/.exec(message)?.[1];
      const index = sections.reasons.findIndex((reason) => reason.code === code);
      problems.push({ line: lineOf(['reasons', index, 'customer_text']), field: `reasons.${index}.customer_text`, message });
    }
  }
  if (sections.reasons) {
    // Fallback messages are templates too: typed, labels checked, and carrying the status link.
    sections.reasons.forEach((reason, index) => {
      const template = fallbackTemplate(reason);
      const lines = { [template.id]: { subject: lineOf(['reasons', index, 'fallback', 'subject']), text: textLine(lineOf(['reasons', index, 'fallback', 'text'])) } };
      for (const problem of checkTemplates([template], lines)) {
        problems.push({ line: problem.line, field: `reasons.${index}.fallback.${problem.field}`, message: `reason ${reason.code} fallback line ${problem.line}: ${problem.message}` });
      }
    });
  }
  if (sections.templates) {
    const lines = locateTemplateFields(options.yaml);
    for (const problem of checkTemplates(sections.templates, lines)) {
      const index = sections.templates.findIndex((template) => template.id === problem.templateId);
      problems.push({
        line: problem.line,
        field: `templates.${index}.${problem.field}`,
        message: `template ${problem.templateId} line ${problem.line}: ${problem.message}`,
      });
    }
  }
  return problems;
}
