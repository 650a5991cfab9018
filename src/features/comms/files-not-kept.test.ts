// The files a mail brought and Kept could not keep ride in the acknowledgement: its text and its HTML both name them.
import { describe, expect, it } from 'vitest';
import { filesNotKeptNotice, filesNotKeptText, withFilesNotKept } from './files-not-kept.js';
import { renderTemplate } from './render-template.js';
import { loadDefaultTemplates } from './template-loader.js';
import type { MessageTemplate } from './template.schemas.js';

const acknowledgement = loadDefaultTemplates().find((template) => template.id === 'acknowledgement.email')!;
const cap = 10 * 1024 * 1024;
const vars = { 'customer.name': 'Ines', 'case.token': 'C-1042', status_url: 'https://shop.example.com/status/Zq3v9kT2bQ' };

describe('files not kept', () => {
  it('are named with their sizes and the cap, one file or several', () => {
    expect(filesNotKeptText([{ filename: 'damage.mp4', size: 26_214_400, capBytes: cap }])).toBe(
      'We could not keep this file: it is larger than the 10.0 MB we can keep per file.\n\n- damage.mp4 (25.0 MB)\n\n' +
        'Please send it again in a smaller size (a photo at a lower resolution, or a PDF split into parts). Everything else in your message reached us.',
    );
    expect(
      filesNotKeptText([
        { filename: 'a.mov', size: 12_582_912, capBytes: cap },
        { filename: 'b.pdf', size: 31_457_280, capBytes: cap },
      ]),
    ).toMatch(/^We could not keep these files: they are larger than the 10\.0 MB we can keep per file\.\n\n- a\.mov \(12\.0 MB\)\n- b\.pdf \(30\.0 MB\)\n\nPlease send them again/);
  });

  it('end the acknowledgement, in its text and in its HTML', async () => {
    const files_not_kept = filesNotKeptText([{ filename: 'damage.mp4', size: 26_214_400, capBytes: cap }]);
    const rendered = await renderTemplate({ template: withFilesNotKept(acknowledgement), vars: { ...vars, files_not_kept }, zone: 'Europe/Berlin' });
    expect(rendered.subject).toBe('We have your message [C-1042]');
    expect(rendered.text.startsWith('Hello Ines,\n\nThank you for writing to us.')).toBe(true);
    expect(rendered.text.trimEnd().endsWith(files_not_kept)).toBe(true);
    expect(rendered.html).toContain('- damage.mp4 (25.0 MB)');
  });

  it('go into an MJML body as its last text', async () => {
    const mjml: MessageTemplate = {
      ...acknowledgement,
      id: 'acknowledgement.mjml.email',
      mjml: '<mjml><mj-body><mj-section><mj-column><mj-text>We have it, {{customer.name}}.</mj-text></mj-column></mj-section></mj-body></mjml>',
    };
    const template = withFilesNotKept(mjml);
    expect(template.mjml).toBe(
      '<mjml><mj-body><mj-section><mj-column><mj-text>We have it, {{customer.name}}.</mj-text><mj-text>{{files_not_kept}}</mj-text></mj-column></mj-section></mj-body></mjml>',
    );
    const rendered = await renderTemplate({ template, vars: { ...vars, files_not_kept: 'We could not keep clip.mov.' }, zone: 'Europe/Berlin' });
    expect(rendered.html).toContain('We could not keep clip.mov.');
  });

  it('go alone in a notice when no acknowledgement is due', async () => {
    const rendered = await renderTemplate({
      template: filesNotKeptNotice,
      vars: { 'customer.name': 'Ines', 'case.token': 'C-1042', files_not_kept: 'We could not keep clip.mov.' },
      zone: 'Europe/Berlin',
    });
    expect(rendered.subject).toBe('About the files you sent [C-1042]');
    expect(rendered.text.trimEnd()).toBe('Hello Ines,\n\nWe could not keep clip.mov.\n\nYour reference is C-1042.');
  });
});
