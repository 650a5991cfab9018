// The API document a client is generated from: built from the running app, it passes Redocly's recommended
// rules, and what routes send is what they declare — without a field taken away.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, createTestKept, type TestKept } from '../helpers/test-app.js';

const run = promisify(execFile);
const redocly = join(process.cwd(), 'node_modules', '.bin', 'redocly');

interface Operation {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

describe('the OpenAPI document', () => {
  let kept: TestKept;
  let document: { paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    kept = await createTestKept({ store: 'pglite' });
    document = (await kept.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  });
  afterAll(async () => kept?.close());

  it('passes redocly lint with the recommended rules', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kept-openapi-')), 'openapi.json');
    writeFileSync(path, JSON.stringify(document));
    const result = await run(redocly, ['lint', path, '--format=json'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch(
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    const report = JSON.parse(String(result.stdout)) as { totals: { errors: number; warnings: number }; problems: Array<{ ruleId: string; severity: string; location: Array<{ pointer: string }> }> };
    const errors = report.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}`);
    expect(errors).toEqual([]);
    // Warnings too: the recommended rules find nothing at all.
    expect(report.problems.map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}`)).toEqual([]);
  });

  it('gives every operation an id, a summary, tags, a declared success and problem+json errors', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method} ${path}`, operation })));
    expect(operations.length).toBeGreaterThan(45);
    const missing = operations.filter(({ operation }) => {
      const statuses = Object.keys(operation.responses);
      const success = statuses.find((status) => status.startsWith('2'));
      const errors = statuses.filter((status) => status.startsWith('4'));
      return !operation.operationId || !operation.summary || !operation.tags?.length || !success || errors.some((status) => !operation.responses[status]?.content?.['application/problem+json']);
    });
    expect(missing.map(({ name }) => name)).toEqual([]);
    expect(new Set(operations.map(({ operation }) => operation.operationId)).size).toBe(operations.length);
  });

  it('sends the case JSON from the store as it is, with the parts the schema does not name', async () => {
    const customer = { email: 'ana@example.com', name: 'Ana' };
    await kept.api('POST', '/api/v1/events', {
      id: 'doc-1',
      type: 'contact.received',
      occurred_at: '2026-12-01T08:00:00Z',
      customer,
      data: { channel: 'web_form', text: 'Where is my order? I want a manager.' },
    });
    const list = await kept.api('GET', '/api/v1/cases');
    expect(list.status).toBe(200);
    const id = list.body.items[0].id as string;
    const read = await kept.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { authorization: `Bearer ${adminToken}` } });
    expect(read.statusCode).toBe(200);
    expect(read.body).toBe(await kept.services.cases.getCaseJson(id));
    expect(Object.keys(read.json())).toContain('notes');
  });

  it('keeps fields a route sends beyond its schema (the templates list names the promises each makes)', async () => {
    const listed = await kept.api('GET', '/api/v1/templates');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(JSON.parse(JSON.stringify({ items: kept.services.oneVoice.oneVoice.listTemplates() })));
    expect(listed.body.items.some((template: Record<string, unknown>) => 'promises' in template)).toBe(true);
  });
});
