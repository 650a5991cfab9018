// Identity normalisation: the same person written two ways must resolve to one identity.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { IdentityKind } from '../../db/database.js';

export interface IdentityValue {
  kind: IdentityKind;
  value: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** E.164, or undefined when the text is not a phone number. Numbers without a country code are read as US. */
export function normalisePhone(phone: string, defaultCountry: 'US' = 'US'): string | undefined {
  const parsed = parsePhoneNumberFromString(phone.trim(), defaultCountry);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** `twitter:@ana`: networks and handles are case-insensitive on the networks Kept knows. */
export function normaliseHandle(handle: { network: string; id: string }): string {
  const id = handle.id.trim().toLowerCase();
  return `${handle.network.trim().toLowerCase()}:${id.startsWith('@') ? id : `@${id}`}`;
}

export interface CustomerRef {
  email?: string | undefined;
  phone?: string | undefined;
  handle?: { network: string; id: string } | undefined;
  external_id?: string | undefined;
}

/** Every identity a customer reference carries, normalised; an unparseable phone is left out. */
export function identitiesOf(ref: CustomerRef | undefined): IdentityValue[] {
  if (!ref) return [];
  const found: IdentityValue[] = [];
  if (ref.email) found.push({ kind: 'email', value: normaliseEmail(ref.email) });
  const phone = ref.phone ? normalisePhone(ref.phone) : undefined;
  if (phone) found.push({ kind: 'phone', value: phone });
  if (ref.handle) found.push({ kind: 'handle', value: normaliseHandle(ref.handle) });
  if (ref.external_id) found.push({ kind: 'external_id', value: ref.external_id.trim() });
  return found;
}

/** Parses `?email=` / `?phone=` / `?handle=twitter:@ana` lookups into an identity. */
export function identityFromQuery(query: { email?: string | undefined; phone?: string | undefined; handle?: string | undefined }): IdentityValue | undefined {
  if (query.email) return { kind: 'email', value: normaliseEmail(query.email) };
  if (query.phone) {
    const phone = normalisePhone(query.phone);
    return phone ? { kind: 'phone', value: phone } : undefined;
  }
  if (query.handle) {
    const [network, ...rest] = query.handle.split(':');
    const id = rest.join(':');
    return network && id ? { kind: 'handle', value: normaliseHandle({ network, id }) } : undefined;
  }
  return undefined;
}
