// Reads the placeholders of a template from the Handlebars parse tree, with the line each stands on.
import Handlebars from 'handlebars';

export interface Placeholder {
  /** The dotted path, e.g. `order.number`. */
  path: string;
  /** 1-based line inside the template field. */
  line: number;
  /** 0-based column inside that line. */
  column: number;
}

export interface ParsedTemplate {
  placeholders: Placeholder[];
  /** Constructs Kept's templates do not allow (blocks, helpers, partials), described for the error. */
  unsupported: Array<{ what: string; line: number }>;
}

/**
 * Parses Handlebars source. Templates are logic-less on purpose: a value is printed as its kind's
 * formatter says, so only plain `{{path}}` placeholders are accepted and anything else is reported.
 */
export function parseTemplateSource(source: string): ParsedTemplate {
  const program = Handlebars.parse(source);
  const placeholders: Placeholder[] = [];
  const unsupported: ParsedTemplate['unsupported'] = [];
  for (const statement of program.body) {
    const line = statement.loc.start.line;
    if (statement.type === 'ContentStatement' || statement.type === 'CommentStatement') continue;
    if (statement.type === 'MustacheStatement') {
      const mustache = statement as hbs.AST.MustacheStatement;
      if (mustache.path.type === 'PathExpression' && mustache.params.length === 0 && !mustache.hash) {
        const path = mustache.path as hbs.AST.PathExpression;
        placeholders.push({ path: path.parts.join('.'), line, column: statement.loc.start.column });
        continue;
      }
    }
    unsupported.push({ what: `${statement.type} (only plain {{path}} placeholders are allowed)`, line });
  }
  return { placeholders, unsupported };
}
