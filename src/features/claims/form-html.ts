// Server-rendered customer forms: light pages that work without JavaScript, every value escaped.
// Shared by the claim and survey forms at /forms/{token}.

export interface HtmlPage {
  status: number;
  html: string;
}

/** A feature's forms behind /forms/{token}: undefined when the token is not one of its own. */
export interface FormPages {
  show(token: string, query: Record<string, string>): Promise<HtmlPage | undefined>;
  submit(token: string, body: Record<string, string>): Promise<HtmlPage | undefined>;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:38rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=date],textarea{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}
textarea{min-height:6rem}.error{color:#b00020;font-weight:400}.errors{border:2px solid #b00020;padding:.5rem 1rem}
button{margin-top:1.5rem;padding:.6rem 1.4rem;font:inherit}.scores{display:flex;flex-wrap:wrap;gap:.4rem}.scores label{font-weight:400;margin:0}
dt{font-weight:600;margin-top:.6rem}dd{margin:0;white-space:pre-wrap}`;

/** A whole page around `body`. */
export function renderPage(input: { title: string; body: string; status?: number }): HtmlPage {
  return {
    status: input.status ?? 200,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(input.title)}</title><style>${style}</style></head><body><h1>${escapeHtml(input.title)}</h1>${input.body}</body></html>`,
  };
}

/** The list of problems above a form, so a screen reader meets them first. */
export function renderErrorSummary(errors: Record<string, string>): string {
  const items = Object.values(errors);
  if (items.length === 0) return '';
  return `<div class="errors" role="alert"><p>Please correct ${items.length === 1 ? 'this' : 'these'}:</p><ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul></div>`;
}

export function fieldError(errors: Record<string, string>, field: string): string {
  return errors[field] ? ` <span class="error" id="${field}-error">${escapeHtml(errors[field])}</span>` : '';
}

/** What was received, as a definition list. */
export function renderReceived(rows: [string, string][]): string {
  return `<dl>${rows.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

export const notFoundPage = (): HtmlPage => renderPage({ title: 'This link is not valid', body: '<p>Please check the link in your email, or reply to that email and we will help.</p>', status: 404 });
