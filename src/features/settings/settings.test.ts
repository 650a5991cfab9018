// The settings page shows the configuration as loaded, never a credential in it.
import { describe, expect, it } from 'vitest';
import { configFileSchema, type ConfigFile } from '../../config/config-schema.js';
import { maskSecrets, maskUrlPasswords } from './settings.js';
import { createSettingsService } from './settings.service.js';

describe('settings masking', () => {
  it('masks fields named like secrets at any depth, and keeps everything else', () => {
    const channels = { email: { imap: { host: 'imap.example.com', user: 'care', password: 'hunter22' }, api_key: 'k-1', smtp_token: 't' }, sms: [{ secret: 's', from: '+15550100' }] };
    expect(maskSecrets(channels)).toEqual({
      email: { imap: { host: 'imap.example.com', user: 'care', password: '***' }, api_key: '***', smtp_token: '***' },
      sms: [{ secret: '***', from: '+15550100' }],
    });
  });

  it('masks the password of a URL but not its user or host', () => {
    expect(maskUrlPasswords({ relay: 'smtps://care:s3cret@mail.example.com:465', site: 'https://kept.example.com/a:b@c' })).toEqual({
      relay: 'smtps://care:***@mail.example.com:465',
      site: 'https://kept.example.com/a:b@c',
    });
  });
});

describe('settings service', () => {
  const kept = { name: 'Kept', public_url: 'http://localhost:3000', support_address: 'support@kept.local', message_id_domain: 'kept.local', default_time_zone: 'UTC' };
  const { channels } = configFileSchema.parse({ kept });

  it('answers every loaded section by name, masked, with no errors (start refuses an invalid file)', () => {
    const calendars = { office: { name: 'office', zone: 'UTC', hours: { mon: [{ from: '09:00', to: '17:00' }] }, holidays: [] } };
    const file: ConfigFile = { kept, calendars, channels: { ...channels, social: { ...channels.social, outbound_url: 'https://care:pw@relay.example.com/send' } } };
    const settings = createSettingsService({ file, configPath: 'kept.config.yaml' }).getSettings();
    expect(settings).toEqual({
      kept,
      calendars,
      // Names of the variables that hold secrets are masked too: the masker goes by the field's name.
      channels: { ...channels, sms: { auth_token_env: '***' }, social: { secret_env: '***', outbound_url: 'https://care:***@relay.example.com/send' } },
      config_path: 'kept.config.yaml',
      errors: [],
    });
  });
});
