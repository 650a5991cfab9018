// Files a customer sent that Kept could not keep (email's size cap) are told in the one message their mail
// gets: a paragraph added to the acknowledgement, or, when no acknowledgement is due, a notice of its own.
import type { FileNotKept } from '../../domain-events.js';
import type { MessageTemplate } from './template.schemas.js';

const placeholder = '{{files_not_kept}}';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The lines naming each file: the customer's words, which the fact audit does not read as Kept's claims. */
export function filesNotKeptLines(files: readonly FileNotKept[]): string[] {
  return files.map((file) => `- ${file.filename} (${megabytes(file.size)})`);
}

/** The paragraph naming the files and the cap, and asking for them smaller. */
export function filesNotKeptText(files: readonly FileNotKept[]): string {
  const one = files.length === 1;
  const cap = Math.min(...files.map((file) => file.capBytes));
  const list = filesNotKeptLines(files).join('\n');
  return [
    `We could not keep ${one ? 'this file' : 'these files'}: ${one ? 'it is' : 'they are'} larger than the ${megabytes(cap)} we can keep per file.`,
    list,
    `Please send ${one ? 'it' : 'them'} again in a smaller size (a photo at a lower resolution, or a PDF split into parts). Everything else in your message reached us.`,
  ].join('\n\n');
}

/** An email template with the files-not-kept paragraph at the end of its text (and of its MJML body, if it has one). */
export function withFilesNotKept(template: MessageTemplate): MessageTemplate {
  return {
    ...template,
    text: `${template.text.trimEnd()}\n\n${placeholder}\n`,
    ...(template.mjml ? { mjml: template.mjml.replace(/<\/mj-column>(?![\s\S]*<\/mj-column>)/, `<mj-text>${placeholder}</mj-text></mj-column>`) } : {}),
    variables: { ...template.variables, files_not_kept: 'Text' },
  };
}

/** The notice sent alone when the mail gets no acknowledgement (one went out on the case within the hour, …). */
export const filesNotKeptNotice: MessageTemplate = {
  id: 'attachments.not_kept.email',
  event: 'attachment_too_large',
  channel: 'email',
  subject: 'About the files you sent [{{case.token}}]',
  text: `Hello {{customer.name}},\n\n${placeholder}\n\nYour reference is {{case.token}}.\n`,
  variables: { 'customer.name': 'PersonName', 'case.token': 'Text', files_not_kept: 'Text' },
};
