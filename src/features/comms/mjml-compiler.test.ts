import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMjmlCompiler } from './mjml-compiler.js';

const email = '<mjml><mj-body><mj-section><mj-column><mj-text>Your refund is on its way</mj-text></mj-column></mj-section></mj-body></mjml>';

describe('the MJML compiler', () => {
  it('compiles MJML to email HTML in its worker', async () => {
    const output = await createMjmlCompiler().compile(email);
    expect(output.errors).toEqual([]);
    expect(output.html).toContain('<!doctype html>');
    expect(output.html).toContain('Your refund is on its way');
  });

  it('reports what the validator finds instead of compiling', async () => {
    const output = await createMjmlCompiler().compile('<mjml><mj-body><mj-text>loose text</mj-text></mj-body></mjml>');
    expect(output.html).toBe('');
    expect(output.errors.join('\n')).toContain('mj-text');
  });

  it('lets its worker go when idle and starts another for the next template', async () => {
    const compiler = createMjmlCompiler({ idleMs: 10 });
    const first = await compiler.compile(email);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await compiler.compile(email);
    expect(again.html).toBe(first.html);
  });

  it('compiles templates asked for at once, each to its own HTML', async () => {
    const compiler = createMjmlCompiler();
    const [one, two] = await Promise.all([compiler.compile(email), compiler.compile(email.replace('refund', 'parcel'))]);
    expect(one.html).toContain('Your refund is on its way');
    expect(two.html).toContain('Your parcel is on its way');
  });

  it('keeps a command running until its compile is answered', () => {
    // A process whose only work is a compile exits with its HTML, not before the worker answers.
    const script = `import('./mjml-compiler.ts').then(({ createMjmlCompiler }) => createMjmlCompiler().compile(${JSON.stringify(email)})).then((output) => process.stdout.write(String(output.html.includes('refund'))))`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('.', import.meta.url)), encoding: 'utf8' });
    expect(result.stdout).toBe('true');
  });
});
