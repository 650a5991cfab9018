// Reads kept.config.yaml and reports every problem with its file, line and field (STYLE habit 8).
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';

export interface ConfigProblem {
  file: string;
  line: number | undefined;
  field: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''} ${p.field}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface ParsedConfigFile<T> {
  value: T;
  /** The line of a field path in the file, for checks that run after parsing (templates, policies). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

function lineAt(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  // Walk up the path until a node exists: a missing field is reported at its parent.
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = doc.getIn(path.slice(0, depth) as (string | number)[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parses YAML text against a zod schema; throws ConfigError listing every problem with its line. */
export function parseConfigText<S extends z.ZodType>(options: { text: string; file: string; schema: S }): ParsedConfigFile<z.infer<S>> {
  const counter = new LineCounter();
  const doc = parseDocument(options.text, { lineCounter: counter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => ({
        file: options.file,
        line: error.linePos?.[0]?.line,
        field: '(yaml)',
        message: error.message.split('\n')[0] ?? error.message,
      })),
    );
  }
  const result = options.schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => ({
        file: options.file,
        line: lineAt(doc, counter, issue.path),
        field: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    );
  }
  return { value: result.data, lineOf: (path) => lineAt(doc, counter, path) };
}

export function readConfigFile<S extends z.ZodType>(options: { path: string; schema: S }): ParsedConfigFile<z.infer<S>> {
  return parseConfigText({ text: readFileSync(options.path, 'utf8'), file: options.path, schema: options.schema });
}
