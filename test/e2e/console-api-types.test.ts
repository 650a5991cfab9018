// The console is typed from the API document: the committed web/src/api/schema.d.ts must be what
// `npm run api:types` writes for the app as it is now.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypesPath, renderApiTypes } from '../../scripts/generate-api-types.js';

describe("the console's API types", () => {
  it('are generated from the current OpenAPI document (run npm run api:types when this fails)', async () => {
    expect(readFileSync(apiTypesPath, 'utf8')).toBe(await renderApiTypes());
  });
});
