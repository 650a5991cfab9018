// The claim forms: the declaration of non-delivery and the photo upload, and what each shows once received.
import type { DocumentFormView } from './claim.service.js';
import { escapeHtml, fieldError, renderErrorSummary, renderPage, renderReceived, type HtmlPage } from './form-html.js';

const declarationFields: [string, string][] = [
  ['full_name', 'Full name'],
  ['address', 'Delivery address'],
  ['date_noticed', 'Date you noticed'],
  ['statement', 'Statement'],
  ['signature', 'Signature (typed name)'],
];

function orderLine(document: DocumentFormView): string {
  return `<p>Claim ${escapeHtml(document.caseToken)}${document.orderNumber ? ` · order ${escapeHtml(document.orderNumber)}` : ''}</p>`;
}

function input(name: string, values: Record<string, string>, errors: Record<string, string>, type = 'text'): string {
  const invalid = errors[name] ? ` aria-invalid="true" aria-describedby="${name}-error"` : '';
  return `<input type="${type}" id="${name}" name="${name}" value="${escapeHtml(values[name] ?? '')}"${invalid}>`;
}

export function renderDeclarationForm(document: DocumentFormView, values: Record<string, string> = {}, errors: Record<string, string> = {}): HtmlPage {
  const textarea = (name: string) => `<textarea id="${name}" name="${name}"${errors[name] ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''}>${escapeHtml(values[name] ?? '')}</textarea>`;
  const body = `${orderLine(document)}<p>Please tell us what happened. This declaration lets us settle your claim with the carrier.</p>
${renderErrorSummary(errors)}
<form method="post" novalidate>
<label for="full_name">Full name${fieldError(errors, 'full_name')}</label>${input('full_name', values, errors)}
<label for="address">Delivery address${fieldError(errors, 'address')}</label>${textarea('address')}
<label for="date_noticed">Date you noticed the parcel was missing${fieldError(errors, 'date_noticed')}</label>${input('date_noticed', values, errors, 'date')}
<label for="statement">Statement${fieldError(errors, 'statement')}</label>${textarea('statement')}
<label for="signature">Signature: type your full name${fieldError(errors, 'signature')}</label>${input('signature', values, errors)}
<label><input type="checkbox" name="consent" value="yes"${values['consent'] === 'yes' ? ' checked' : ''}> I declare that this information is true and complete.${fieldError(errors, 'consent')}</label>
<button type="submit">Sign and send</button>
</form>`;
  return renderPage({ title: 'Declaration of non-delivery', body, status: Object.keys(errors).length > 0 ? 422 : 200 });
}

export function renderPhotosForm(document: DocumentFormView, options: { maxFiles: number; maxMegabytes: number; types: string[] }, errors: Record<string, string> = {}, status?: number): HtmlPage {
  const body = `${orderLine(document)}<p>Please send up to ${options.maxFiles} photos of the damage (${options.types.map((type) => type.replace('image/', '').toUpperCase()).join(', ')}, at most ${options.maxMegabytes} MB each).</p>
${renderErrorSummary(errors)}
<form method="post" enctype="multipart/form-data">
<label for="photos">Photos${fieldError(errors, 'photos')}</label><input type="file" id="photos" name="photos" accept="${options.types.join(',')}" multiple>
<label for="note">Anything we should know (optional)</label><textarea id="note" name="note"></textarea>
<button type="submit">Send photos</button>
</form>`;
  return renderPage({ title: 'Photos of the damage', body, status: status ?? (Object.keys(errors).length > 0 ? 422 : 200) });
}

/** The page of a form already submitted: what was received and when. `status` is 409 for a second submission. */
export function renderDocumentReceived(document: DocumentFormView, status = 200): HtmlPage {
  const submission = document.submission ?? {};
  const rows: [string, string][] = [['Received', document.receivedAt?.toISOString() ?? '']];
  if (document.kind === 'declaration') {
    for (const [field, label] of declarationFields) rows.push([label, String(submission[field] ?? '')]);
    rows.push(['Declaration', 'Confirmed true and complete']);
  } else {
    const files = (submission['files'] as { filename: string; bytes: number }[] | undefined) ?? [];
    rows.push(['Photos', files.map((file) => `${file.filename} (${Math.ceil(file.bytes / 1024)} KB)`).join('\n')]);
    if (submission['note']) rows.push(['Note', String(submission['note'])]);
  }
  const lead = status === 409 ? '<p>This form was already sent, so nothing more was recorded. Here is what we received:</p>' : '<p>Thank you. We have received it:</p>';
  return renderPage({ title: document.kind === 'declaration' ? 'Declaration received' : 'Photos received', body: `${orderLine(document)}${lead}${renderReceived(rows)}`, status });
}
