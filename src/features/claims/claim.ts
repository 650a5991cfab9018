// Claims' pure rules: which claim a delivery exception is, which documents each claim needs, what a
// declaration must hold, which uploads are accepted, and the customer-facing texts.
import { z } from 'zod';

export type ClaimType = 'non_delivery' | 'damage';
export type DocumentKind = 'declaration' | 'photos';
export type DocumentState = 'requested' | 'received' | 'accepted' | 'rejected';
export type ResolutionOption = 'reship' | 'refund' | 'store_credit';

export const claimTypes = ['non_delivery', 'damage'] as const;
export const resolutionOptions = ['reship', 'refund', 'store_credit'] as const;

const claimTypeByReason: Record<string, ClaimType> = {
  lost_in_transit: 'non_delivery',
  address_undeliverable: 'non_delivery',
  damaged_in_transit: 'damage',
};

/** The claim a delivery exception's reason calls for; none for reasons that are not a loss or damage. */
export function claimTypeForReason(reason: unknown): ClaimType | undefined {
  return typeof reason === 'string' ? claimTypeByReason[reason] : undefined;
}

/** The documents a claim of each type needs from the customer. */
export const checklistByType: Record<ClaimType, DocumentKind[]> = {
  non_delivery: ['declaration'],
  damage: ['photos'],
};

export interface ClaimsSettings {
  /** Days the customer has to return a document before its commitment is breached. */
  documentDueDays: number;
  /** How long before that deadline the reminder goes out. */
  reminderLeadMinutes: number;
  maxUploadBytes: number;
  maxUploadFiles: number;
  uploadTypes: string[];
}

export const claimsSectionSchema = z
  .object({
    document_due_days: z.number().int().min(1).max(90).default(7),
    reminder_lead_minutes: z.number().int().min(1).default(60),
    uploads: z
      .object({
        max_bytes: z
          .number()
          .int()
          .min(1024)
          .max(50 * 1024 * 1024)
          .default(5 * 1024 * 1024),
        max_files: z.number().int().min(1).max(20).default(5),
        types: z
          .array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/))
          .min(1)
          .default(['image/jpeg', 'image/png', 'image/heic']),
      })
      .strict()
      .default({ max_bytes: 5 * 1024 * 1024, max_files: 5, types: ['image/jpeg', 'image/png', 'image/heic'] }),
  })
  .strict();

export type ClaimsSection = z.infer<typeof claimsSectionSchema>;

/** The settings of a parsed `claims:` section (the defaults when the section is absent). */
export function claimsSettingsFrom(section: ClaimsSection | undefined): ClaimsSettings {
  const parsed = section ?? claimsSectionSchema.parse({});
  return {
    documentDueDays: parsed.document_due_days,
    reminderLeadMinutes: parsed.reminder_lead_minutes,
    maxUploadBytes: parsed.uploads.max_bytes,
    maxUploadFiles: parsed.uploads.max_files,
    uploadTypes: parsed.uploads.types,
  };
}

const required = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`);

/** The declaration form: typed fields, a typed-name signature and a consent box. */
export const declarationSchema = z.object({
  full_name: required('Your full name').pipe(z.string().max(200, 'Your full name is too long')),
  address: required('The delivery address').pipe(z.string().max(1000, 'The address is too long')),
  date_noticed: z.iso.date({ error: 'The date you noticed must be a date (YYYY-MM-DD)' }),
  statement: required('Your statement').pipe(z.string().max(5000, 'The statement is too long (5,000 characters at most)')),
  signature: required('Your signature (type your full name)'),
  consent: z.literal('yes', { error: 'Please tick the box to confirm the declaration is true' }),
});

export type Declaration = z.infer<typeof declarationSchema>;

/** Parses a submitted declaration; errors by field, worded for the customer. */
export function parseDeclaration(options: { form: Record<string, unknown>; today: string }): { ok: true; value: Declaration } | { ok: false; errors: Record<string, string> } {
  const { form: input, today } = options;
  const result = declarationSchema.safeParse(input);
  const errors: Record<string, string> = {};
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'form');
      errors[field] ??= issue.message;
    }
  }
  // Checked beside the field errors, so the customer sees every problem at once.
  const name = typeof input['full_name'] === 'string' ? input['full_name'].trim().toLowerCase().replace(/\s+/g, ' ') : '';
  const signature = typeof input['signature'] === 'string' ? input['signature'].trim().toLowerCase().replace(/\s+/g, ' ') : '';
  if (name && signature && name !== signature) errors['signature'] ??= 'Your signature must be your full name, typed exactly as above';
  if (typeof input['date_noticed'] === 'string' && !errors['date_noticed'] && input['date_noticed'] > today) errors['date_noticed'] = 'The date you noticed cannot be in the future';
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: result.data };
}

/** Why an uploaded file is refused, or undefined when it is accepted. */
export function checkUpload(options: { file: { mimeType: string; sizeBytes: number; truncated: boolean }; settings: ClaimsSettings }): string | undefined {
  const { file, settings } = options;
  if (!settings.uploadTypes.includes(file.mimeType)) return `Only ${settings.uploadTypes.map((type) => type.replace('image/', '').toUpperCase()).join(', ')} photos are accepted`;
  if (file.truncated || file.sizeBytes > settings.maxUploadBytes) return `Each photo must be at most ${Math.round(settings.maxUploadBytes / (1024 * 1024))} MB`;
  if (file.sizeBytes === 0) return 'The file is empty';
  return undefined;
}

export const documentLabels: Record<DocumentKind, string> = {
  declaration: 'a signed declaration of non-delivery',
  photos: 'photos of the damage',
};

export const claimTypeLabels: Record<ClaimType, string> = {
  non_delivery: 'non-delivery',
  damage: 'damage',
};
