import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-file.js';
import { parseSignalsConfig, requiredSkillsFor } from './signals-config.js';

const lineOf = () => 7;

describe('the signals section of kept.config.yaml', () => {
  it('defaults to no required skills and a sweep every minute', () => {
    const config = parseSignalsConfig({ file: {}, configPath: 'kept.config.yaml', lineOf });
    expect(config.assignment).toEqual({ skills_by_channel: {}, skills_by_kind: {}, sweep_every_seconds: 60 });
  });

  it('asks for the skills of the case kind and of its channel, each once', () => {
    const config = parseSignalsConfig({
      file: { signals: { assignment: { skills_by_channel: { sms: ['sms'] }, skills_by_kind: { claim: ['claims', 'sms'] } } } },
      configPath: 'kept.config.yaml',
      lineOf,
    });
    expect(requiredSkillsFor(config, { kind: 'claim', channel: 'sms' })).toEqual(['claims', 'sms']);
    expect(requiredSkillsFor(config, { kind: 'inquiry', channel: 'email' })).toEqual([]);
  });

  it('names the file, line and field of a mistake', () => {
    const parse = () => parseSignalsConfig({ file: { signals: { assignment: { sweep_every_seconds: -5 } } }, configPath: 'kept.config.yaml', lineOf });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/kept\.config\.yaml:7 signals\.assignment\.sweep_every_seconds/);
  });
});
