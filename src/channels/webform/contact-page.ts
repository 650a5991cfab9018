// The hosted contact page and its embeddable snippet: plain server-rendered HTML, no script needed to post.

export interface ContactPageOptions {
  businessName: string;
  /** Shown after a submission (or a refusal) instead of the form. */
  notice?: { kind: 'sent' | 'error'; text: string };
  values?: Partial<Record<'name' | 'email' | 'subject' | 'message' | 'order', string>>;
  embedded?: boolean;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1d2430;background:#fff}
main{max-width:34rem;margin:0 auto}label{display:block;margin:.8rem 0 .2rem;font-weight:600}
input,textarea{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #9aa3b0;border-radius:6px;font:inherit}
textarea{min-height:9rem}button{margin-top:1rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f5fbf;color:#fff;font:inherit;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.notice{padding:.8rem;border-radius:6px;background:#e8f3ea}.error{background:#fbe9e9}`;

/** The page at GET /contact (and, with `embedded`, the document the snippet's iframe shows). */
export function renderContactPage(options: ContactPageOptions): string {
  const v = (key: keyof NonNullable<ContactPageOptions['values']>) => escapeHtml(options.values?.[key] ?? '');
  const notice = options.notice ? `<p class="notice ${options.notice.kind === 'error' ? 'error' : ''}" role="status">${escapeHtml(options.notice.text)}</p>` : '';
  const form =
    options.notice?.kind === 'sent'
      ? ''
      : `<form method="post" action="/contact${options.embedded ? '?embed=1' : ''}">
<label for="name">Your name</label><input id="name" name="name" autocomplete="name" maxlength="200" value="${v('name')}">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="320" value="${v('email')}">
<label for="order">Order number (if any)</label><input id="order" name="order" maxlength="100" value="${v('order')}">
<label for="subject">Subject</label><input id="subject" name="subject" maxlength="200" value="${v('subject')}">
<label for="message">How can we help?</label><textarea id="message" name="message" required maxlength="20000">${v('message')}</textarea>
<div class="hp" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Send</button>
</form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Contact ${escapeHtml(options.businessName)}</title><style>${style}</style></head>
<body><main>${options.embedded ? '' : `<h1>Contact ${escapeHtml(options.businessName)}</h1>`}${notice}${form}</main></body></html>`;
}

/** GET /contact/embed.js: `<script src=".../contact/embed.js" async></script>` puts the form in an iframe where the tag is. */
export function renderEmbedScript(publicUrl: string): string {
  const src = `${publicUrl.replace(/\/$/, '')}/contact?embed=1`;
  return `(function(){var s=document.currentScript;var f=document.createElement('iframe');
f.src=${JSON.stringify(src)};f.title='Contact form';f.loading='lazy';
f.style.cssText='width:100%;min-height:640px;border:0';
if(s&&s.parentNode){s.parentNode.insertBefore(f,s);}else{document.body.appendChild(f);}})();
`;
}
