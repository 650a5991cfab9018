// The `reasons` and `templates` sections of kept.config.yaml as the running Kept uses them: the configured
// ones (or the shipped defaults when a section is absent), checked once at start with the file's lines.
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
