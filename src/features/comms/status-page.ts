// The customer's status page as HTML: server-rendered, light (no script, a few lines of CSS), readable on a
// phone. Strings come from the i18n catalogue; the reason is the catalog's customer text, word for word
// what the messages said.
import { t } from './status-strings.js';

export interface StatusOrderView {
  number: string;
  state: string;
  /** The reason's customer text, exactly as messages print `{{reason}}`. */
  reasonText: string | null;
  expectedBy: string | null;
  /** What the buyer must know about the order (its items' caveats), in plain words. */
  notes: string[];
}

export interface StatusPageView {
  kind: 'order' | 'case';
  caseToken: string | null;
  caseState: string | null;
  order: StatusOrderView | null;
  updates: number;
  updatedAt: string;
  locale: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// A state the catalogue has no words for is shown by the generic line rather than failing the page.
function stateText(prefix: string, state: string, locale: string): string {
  try {
    return t(`${prefix}.${state}`, {}, locale);
  } catch {
    return t('status.order_state.unknown', {}, locale);
  }
}

const style =
  'body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;background:#f5f6f8}' +
  'main{max-width:36rem;margin:0 auto;padding:1.25rem}h1{font-size:1.35rem;margin:.5rem 0 1rem}' +
  'section{background:#fff;border-radius:.75rem;padding:1rem 1.25rem;margin:0 0 1rem;box-shadow:0 1px 2px #0001}' +
  'h2{font-size:.85rem;text-transform:uppercase;letter-spacing:.04em;color:#5b6478;margin:0 0 .35rem}' +
  'p{margin:.25rem 0}.muted{color:#5b6478;font-size:.9rem}';

function page(options: { title: string; body: string; locale: string }): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(options.locale)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(options.title)}</title><style>${style}</style></head>`,
    `<body><main>${options.body}</main></body></html>`,
  ].join('\n');
}

/** The status page of an order or a case. */
export function renderStatusPage(view: StatusPageView): string {
  const { locale } = view;
  const title = view.kind === 'order' && view.order ? t('status.page_title', { orderNumber: view.order.number }, locale) : t('status.case_title', {}, locale);
  const sections: string[] = [`<h1>${escapeHtml(title)}</h1>`];
  if (view.kind === 'case' && view.caseState) {
    const reference = view.caseToken ? `<p class="muted">${escapeHtml(t('status.case_reference', { token: view.caseToken }, locale))}</p>` : '';
    sections.push(`<section><h2>${escapeHtml(t('status.state_heading', {}, locale))}</h2><p>${escapeHtml(stateText('status.case_state', view.caseState, locale))}</p>${reference}</section>`);
  }
  if (view.order) {
    const order = view.order;
    const heading = view.kind === 'case' ? t('status.order_line', { orderNumber: order.number }, locale) : t('status.state_heading', {}, locale);
    const expected = order.expectedBy ? `<p class="muted">${escapeHtml(t('status.expected_by', { date: order.expectedBy }, locale))}</p>` : '';
    sections.push(`<section><h2>${escapeHtml(heading)}</h2><p>${escapeHtml(stateText('status.order_state', order.state, locale))}</p>${expected}</section>`);
    if (order.reasonText) {
      sections.push(`<section><h2>${escapeHtml(t('status.reason_heading', {}, locale))}</h2><p class="reason">${escapeHtml(order.reasonText)}</p></section>`);
    }
    if (order.notes.length > 0) {
      sections.push(`<section><h2>${escapeHtml(t('status.notes_heading', {}, locale))}</h2>${order.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`).join('')}</section>`);
    }
  }
  sections.push(
    `<p class="muted">${escapeHtml(t('status.updates', { count: view.updates }, locale))} · ${escapeHtml(t('status.updated_at', { updatedAt: view.updatedAt }, locale))}</p>`,
    `<p class="muted">${escapeHtml(t('status.contact', {}, locale))}</p>`,
  );
  return page({ title, body: sections.join('\n'), locale });
}

/** The page for a token that leads nowhere: says so, and nothing about whether anything else exists. */
export function renderStatusNotFound(locale = 'en'): string {
  const title = t('status.not_found_title', {}, locale);
  return page({ title, body: `<h1>${escapeHtml(title)}</h1><section><p>${escapeHtml(t('status.not_found', {}, locale))}</p></section>`, locale });
}
