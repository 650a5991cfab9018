// Reads the `templates` section from YAML text, validates it and runs the load-time check,
// so a mislabelled template stops Kept at start with the file and line to fix.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar } from 'yaml';
import { AppError } from '../../shared/app-error.js';
import { checkTemplates, formatTemplateProblem, type TemplateSourceLines } from './template-check.js';
import { templateListSchema, type MessageTemplate, type TemplateField } from './template.schemas.js';

const defaultsUrl = new URL('./templates.defaults.yaml', import.meta.url);
const fields: TemplateField[] = ['subject', 'text', 'mjml'];

/**
 * For each template in the `templates` sequence of a YAML document, the line where each field's
 * text begins (the line after `|` for a block scalar).
 */
export function locateTemplateFields(yamlText: string): TemplateSourceLines {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter });
  const list = document.get('templates', true);
  const located: TemplateSourceLines = {};
  if (!isSeq(list)) return located;
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    if (typeof id !== 'string') continue;
    const lines: Partial<Record<TemplateField, number>> = {};
    for (const field of fields) {
      const node = item.get(field, true);
      if (!isScalar(node) || !node.range) continue;
      const isBlock = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      lines[field] = lineCounter.linePos(node.range[0]).line + (isBlock ? 1 : 0);
    }
    located[id] = lines;
  }
  return located;
}

/**
 * Parses and checks the `templates` section of a YAML document. Throws `validation_failed` listing
 * every problem with its line; Kept does not start on a template that fails.
 */
export function parseTemplatesYaml(options: { yaml: string; file?: string }): MessageTemplate[] {
  const file = options.file ?? 'kept.config.yaml';
  const document = parseDocument(options.yaml);
  const parsed = templateListSchema.safeParse(document.toJS()?.templates);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${file}: templates.${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('validation_failed', { detail: issues.join('\n'), field: 'templates' });
  }
  const problems = checkTemplates(parsed.data, locateTemplateFields(options.yaml));
  if (problems.length > 0) {
    throw new AppError('validation_failed', {
      detail: problems.map((problem) => formatTemplateProblem(problem, file)).join('\n'),
      field: 'templates',
      extra: { problems },
    });
  }
  return parsed.data;
}

/** The templates Kept ships, checked like any configured ones. */
export function loadDefaultTemplates(): MessageTemplate[] {
  return parseTemplatesYaml({ yaml: readFileSync(defaultsUrl, 'utf8'), file: 'templates.defaults.yaml' });
}
