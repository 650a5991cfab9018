// The `templates` section of kept.config.yaml: typed messages, one per event type and channel.
import { z } from 'zod';

/** Every value a template prints has a kind; the kind decides its formatter and which labels may stand beside it. */
export const variableKinds = ['OrderNumber', 'CardLast4', 'AccountLast4', 'Money', 'Date', 'TrackingNumber', 'PersonName', 'Reason', 'Link', 'Text'] as const;
export const variableKindSchema = z.enum(variableKinds);
export type VariableKind = z.infer<typeof variableKindSchema>;

export const channels = ['email', 'sms', 'status'] as const;
export const channelSchema = z.enum(channels);
export type Channel = z.infer<typeof channelSchema>;

const variableNameSchema = z.string().regex(/^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*$/, 'a variable is a dotted path such as order.number');

export const templateSchema = z
  .object({
    id: z.string().min(1),
    /** The event type this template tells the customer about, e.g. `order.cancelled`. */
    event: z.string().min(1),
    channel: channelSchema,
    /** Email only. */
    subject: z.string().min(1).optional(),
    text: z.string().min(1),
    /** Email only: an MJML body; without it Kept lays the text out in its own MJML frame. */
    mjml: z.string().min(1).optional(),
    /** SMS only: the most segments a rendered message may take before it is reported as too long. */
    max_segments: z.number().int().min(1).max(10).optional(),
    variables: z.record(variableNameSchema, variableKindSchema),
  })
  .superRefine((template, ctx) => {
    if (template.channel === 'email' && !template.subject) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an email template needs a subject' });
    }
    if (template.channel !== 'email' && (template.subject || template.mjml)) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: `a ${template.channel} template has only text` });
    }
  });

export const templateListSchema = z.array(templateSchema).superRefine((templates, ctx) => {
  const seen = new Set<string>();
  templates.forEach((template, index) => {
    if (seen.has(template.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `template id ${template.id} appears twice` });
    }
    seen.add(template.id);
  });
});

export type MessageTemplate = z.infer<typeof templateSchema>;
/** The fields of a template that hold Handlebars source. */
export type TemplateField = 'subject' | 'text' | 'mjml';
