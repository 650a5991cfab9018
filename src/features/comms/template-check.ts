// The load-time check of typed templates (crack C3): a label naming one kind beside a value of another,
// an undeclared placeholder or a message without its status link stops Kept from starting.
import { describeKind, findLabelBefore } from './kind-labels.js';
import { parseTemplateSource } from './template-placeholders.js';
import type { MessageTemplate, TemplateField } from './template.schemas.js';

/** Where each field's source starts in the YAML file (1-based line of its first character), by template id. */
export type TemplateSourceLines = Record<string, Partial<Record<TemplateField, number>>>;

export interface TemplateProblem {
  templateId: string;
  field: TemplateField;
  /** The line in the YAML file when the source lines are known, else the line inside the field. */
  line: number;
  message: string;
}

const fields: TemplateField[] = ['subject', 'text', 'mjml'];

function checkField(options: { template: MessageTemplate; field: TemplateField; source: string; firstLine: number | undefined }): TemplateProblem[] {
  const { template, field, source, firstLine } = options;
  const problems: TemplateProblem[] = [];
  const lineOf = (line: number) => (firstLine === undefined ? line : firstLine + line - 1);
  const report = (line: number, message: string) => problems.push({ templateId: template.id, field, line: lineOf(line), message });

  let parsed: ReturnType<typeof parseTemplateSource>;
  try {
    parsed = parseTemplateSource(source);
  } catch (error) {
    const line = /line (\d+)/.exec(String(error))?.[1];
    report(Number(line ?? 1), `cannot be parsed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return problems;
  }
  for (const construct of parsed.unsupported) report(construct.line, `uses ${construct.what}`);

  const sourceLines = source.split('\n');
  for (const placeholder of parsed.placeholders) {
    const kind = template.variables[placeholder.path];
    if (!kind) {
      report(placeholder.line, `{{${placeholder.path}}} is not declared in its variables`);
      continue;
    }
    const before = (sourceLines[placeholder.line - 1] ?? '').slice(0, placeholder.column);
    const label = findLabelBefore(before);
    if (label && label.kind !== kind) {
      report(placeholder.line, `"${label.text}" names ${describeKind(label.kind)} but {{${placeholder.path}}} is ${describeKind(kind)} (${kind})`);
    }
  }
  return problems;
}

function mentionsStatusUrl(source: string): boolean {
  try {
    return parseTemplateSource(source).placeholders.some((placeholder) => placeholder.path === 'status_url');
  } catch {
    // The parse error itself is reported by checkField.
    return true;
  }
}

/**
 * Checks templates once, when configuration loads. Returns every problem found (empty when all is well);
 * the caller refuses to start on any. `sourceLines` (from {@link locateTemplateFields}) turns the
 * lines inside a field into lines of the YAML file.
 */
export function checkTemplates(templates: readonly MessageTemplate[], sourceLines?: TemplateSourceLines): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const template of templates) {
    for (const field of fields) {
      const source = template[field];
      if (source === undefined) continue;
      problems.push(...checkField({ template, field, source, firstLine: sourceLines?.[template.id]?.[field] }));
    }
    if (template.channel !== 'status') {
      const linked = mentionsStatusUrl(template.text);
      if (!linked || template.variables['status_url'] !== 'Link') {
        problems.push({
          templateId: template.id,
          field: 'text',
          line: sourceLines?.[template.id]?.text ?? 1,
          message: 'every message carries {{status_url}} (kind Link) so the customer can see the status page',
        });
      }
    }
  }
  return problems;
}

/** One line per problem, as the start-up error prints it. */
export function formatTemplateProblem(problem: TemplateProblem, file = 'kept.config.yaml'): string {
  return `${file} line ${problem.line}: template ${problem.templateId} (${problem.field}): ${problem.message}`;
}
