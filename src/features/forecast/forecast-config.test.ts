// The forecast section of kept.config.yaml: the shipped one, defaults when it is left out, mistakes named by line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-file.js';
import { loadConfig } from '../../config/config.js';
import { defaultForecastSection, toForecastSettings } from './forecast-config.js';

function configWith(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kept-forecast-config-')), 'kept.config.yaml');
  writeFileSync(path, text);
  return path;
}

describe('the forecast section', () => {
  it('ships with staffing and the December peak', () => {
    const section = loadConfig({}).file.forecast;
    expect(section).toBeDefined();
    const settings = toForecastSettings(section ?? defaultForecastSection);
    expect(settings.staffing).toEqual({ agentsPerHour: 4, handledPerAgentHour: 6 });
    expect(settings.holidays).toEqual([{ name: 'December peak', from: '2026-12-01', to: '2026-12-24', uplift: 2 }]);
  });

  it('may be left out, or given in part: every field has a default', () => {
    expect(loadConfig({ KEPT_CONFIG: configWith('kept:\n  name: Shop\n') }).file.forecast).toBeUndefined();
    expect(defaultForecastSection).toMatchObject({ zone: 'UTC', days: 14 });
    const section = loadConfig({ KEPT_CONFIG: configWith('forecast:\n  zone: UTC\n') }).file.forecast;
    expect(section).toMatchObject({ zone: 'UTC', days: 14, weeks: 8, first_response_hours: 4, warn_share: 0.02, holidays: [] });
    expect(section?.staffing).toEqual({ agents_per_hour: 4, handled_per_agent_hour: 6 });
  });

  it('takes staffing by hour of day, and names the line of a mistake', () => {
    const byHour = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 6 : 1));
    const ok = loadConfig({ KEPT_CONFIG: configWith(`forecast:\n  staffing:\n    agents_per_hour: [${byHour.join(', ')}]\n`) });
    expect(toForecastSettings(ok.file.forecast ?? defaultForecastSection).staffing.agentsPerHour).toEqual(byHour);
    const path = configWith('forecast:\n  days: 14\n  staffing:\n    agents_per_hour: [1, 2, 3]\n    handled_per_agent_hour: 0\n  holidays:\n    - { from: "1 Dec", uplift: 2 }\n');
    let problems: ConfigError['problems'] = [];
    try {
      loadConfig({ KEPT_CONFIG: path });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({ line: 4, field: 'forecast.staffing.agents_per_hour' }),
      expect.objectContaining({ line: 5, field: 'forecast.staffing.handled_per_agent_hour' }),
      expect.objectContaining({ line: 7, field: 'forecast.holidays.0.from' }),
    ]);
  });
});
