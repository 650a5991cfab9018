import { describe, expect, it } from 'vitest';
import { identityQuery } from './identity-query';

describe('finding a customer by what the agent types', () => {
  it('looks an address up by email and a number by phone', () => {
    expect(identityQuery('  bo@example.com ')).toEqual({ query: { email: 'bo@example.com' } });
    expect(identityQuery('+1 (555) 123-4567')).toEqual({ query: { phone: '+1 (555) 123-4567' } });
  });

  it('reads network:@name as a social handle', () => {
    expect(identityQuery('twitter:@ana')).toEqual({ query: { handle: 'twitter:@ana' } });
  });

  it('says what to type instead of sending a lookup the server would refuse', () => {
    expect(identityQuery('')).toEqual({ error: 'Type an email address, a phone number or a handle (network:@name).' });
    expect(identityQuery('Bo Smith')).toEqual({ error: '“Bo Smith” is not an email address, a phone number or a handle (network:@name).' });
    expect('error' in identityQuery('12-34')).toBe(true);
  });
});
