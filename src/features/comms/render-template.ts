// Renders a checked template with typed values: subject and text, email HTML through MJML, SMS length.
import Handlebars from 'handlebars';
import { AppError } from '../../shared/app-error.js';
import { createMjmlCompiler } from './mjml-compiler.js';
import { loadDefaultReasons } from './reason-catalog.js';
import { measureSms, type SmsLength } from './sms-segments.js';
import type { ReasonCatalog } from './reason.schemas.js';
import type { Channel, MessageTemplate } from './template.schemas.js';
import { formatValue, type TemplateValue } from './value-formatters.js';

export type TemplateVars = Readonly<Record<string, TemplateValue>>;

export interface RenderedMessage {
  templateId: string;
  channel: Channel;
  subject: string | undefined;
  text: string;
  /** Email only. */
  html: string | undefined;
  /** SMS only; `withinLimit` compares with the template's `max_segments`. */
  sms: (SmsLength & { withinLimit: boolean }) | undefined;
  /** The reason code the message states, when it prints one: what the outbox records as `reason_code`. */
  reasonCode: string | undefined;
}

export interface RenderTemplateOptions {
  template: MessageTemplate;
  /** Values by declared variable name (`order.number`), each checked against its kind. */
  vars: TemplateVars;
  /** The customer's IANA zone. */
  zone: string;
  /** The reason catalog from configuration; the shipped one when not given. */
  reasons?: ReasonCatalog;
  locale?: string;
}

let shippedReasons: ReasonCatalog | undefined;

type Context = { [key: string]: string | Context };

function nest(flat: Record<string, string>): Context {
  const root: Context = {};
  for (const [name, value] of Object.entries(flat)) {
    const parts = name.split('.');
    let node = root;
    parts.slice(0, -1).forEach((part) => {
      const next = node[part];
      node = typeof next === 'object' ? next : (node[part] = {});
    });
    node[parts.at(-1) ?? name] = value;
  }
  return root;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Kept's own email frame for templates without MJML: the text's paragraphs and a button to the status page.
function frameText(text: string, statusUrl: string | undefined): string {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<mj-text>${escapeHtml(paragraph).replace(/\n/g, '<br/>')}</mj-text>`);
  const button = statusUrl ? `<mj-button href="${escapeHtml(statusUrl)}">See the status</mj-button>` : '';
  return `<mjml><mj-body><mj-section><mj-column>${paragraphs.join('')}${button}</mj-column></mj-section></mj-body></mjml>`;
}

// Compiling Handlebars costs milliseconds; the same few sources are rendered for every message.
const compiledTexts = new Map<string, HandlebarsTemplateDelegate>();

function compiledText(source: string): HandlebarsTemplateDelegate {
  let compiled = compiledTexts.get(source);
  if (!compiled) {
    compiled = Handlebars.compile(source, { noEscape: true, strict: true });
    compiledTexts.set(source, compiled);
  }
  return compiled;
}

const placeholderPattern = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

interface CompiledHtml {
  html: string;
  /** The marker standing for each variable in `html`. */
  markers: Map<string, string>;
}

// MJML takes tens of milliseconds a message, too slow for an acknowledgement of every inbound message. Templates
// are logic-less, so each is compiled once with a marker per placeholder and the escaped values are put in after.
const compiledHtml = new Map<string, Promise<CompiledHtml>>();
// MJML itself runs in a worker that exits when idle: with every template compiled, nothing of it stays loaded.
const mjmlCompiler = createMjmlCompiler();

async function compileHtml(template: MessageTemplate): Promise<CompiledHtml> {
  const markers = new Map<string, string>();
  const mark = (source: string) =>
    source.replace(placeholderPattern, (_match, path: string) => {
      if (!markers.has(path)) markers.set(path, `keptvar${markers.size}x${Math.random().toString(36).slice(2, 10)}`);
      return markers.get(path)!;
    });
  const mjml = template.mjml ? mark(template.mjml) : frameText(mark(template.text), template.variables['status_url'] ? mark('{{status_url}}') : undefined);
  const result = await mjmlCompiler.compile(mjml);
  if (result.errors.length > 0) {
    throw new AppError('validation_failed', { detail: `template ${template.id}: MJML: ${result.errors.join('; ')}` });
  }
  return { html: result.html, markers };
}

async function renderHtml(template: MessageTemplate, formatted: Record<string, string>): Promise<string> {
  const key = `${template.id}\u0000${template.mjml ?? template.text}`;
  let compiled = compiledHtml.get(key);
  if (!compiled) {
    compiled = compileHtml(template);
    compiledHtml.set(key, compiled);
    compiled.catch(() => compiledHtml.delete(key));
  }
  const { html, markers } = await compiled;
  let filled = html;
  for (const [path, marker] of markers) filled = filled.replaceAll(marker, escapeHtml(formatted[path] ?? ''));
  return filled;
}

/**
 * Renders a template for one customer. Every declared variable must be given and valid for its kind;
 * reasons print as the catalog's customer text and dates in the customer's zone.
 */
export async function renderTemplate(options: RenderTemplateOptions): Promise<RenderedMessage> {
  const { template, vars, zone, locale } = options;
  const reasons = options.reasons ?? (shippedReasons ??= loadDefaultReasons());
  const formatted: Record<string, string> = {};
  let reasonCode: string | undefined;
  for (const [name, kind] of Object.entries(template.variables)) {
    const value = vars[name];
    if (value === undefined) {
      throw new AppError('validation_failed', { detail: `template ${template.id} needs ${name} (${kind})`, field: name });
    }
    formatted[name] = formatValue({ kind, name, value, zone, reasons, ...(locale ? { locale } : {}) });
    if (kind === 'Reason' && typeof value === 'string') reasonCode = value;
  }
  const context = nest(formatted);
  const plain = (source: string) => compiledText(source)(context);

  const text = plain(template.text).trim();
  const subject = template.subject === undefined ? undefined : plain(template.subject).trim();
  const html = template.channel === 'email' ? await renderHtml(template, formatted) : undefined;
  const length = template.channel === 'sms' ? measureSms(text) : undefined;
  const sms = length ? { ...length, withinLimit: length.segments <= (template.max_segments ?? 2) } : undefined;
  return { templateId: template.id, channel: template.channel, subject, text, html, sms, reasonCode };
}
