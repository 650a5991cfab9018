// What the console may show of the loaded configuration: every section, with secrets masked.

const secretKey = /pass(word)?|secret|token|api_?key|private_?key|credentials?/i;

/** A copy of `value` in which every field named like a secret reads `"***"`, at any depth. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, secretKey.test(key) && inner !== null && typeof inner !== 'object' ? '***' : maskSecrets(inner)]));
  }
  return value;
}

/** A URL's password (smtp://user:pass@host) is a secret too, wherever the URL sits. */
export function maskUrlPasswords(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@\s]+):[^@/\s]+@/i, '$1:***@');
  if (Array.isArray(value)) return value.map(maskUrlPasswords);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, maskUrlPasswords(inner)]));
  return value;
}
