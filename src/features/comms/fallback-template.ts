// A reason's fallback ("Plan B") message as a template, so it is typed, checked and rendered like the rest.
import type { Reason } from './reason.schemas.js';
import type { MessageTemplate } from './template.schemas.js';

/** The variables every fallback message may use. */
export const fallbackVariables: MessageTemplate['variables'] = {
  'customer.name': 'PersonName',
  'order.number': 'OrderNumber',
  reason: 'Reason',
  status_url: 'Link',
};

/** The email template of a reason's fallback message, with id `reason.<code>.fallback`. */
export function fallbackTemplate(reason: Reason): MessageTemplate {
  return {
    id: `reason.${reason.code}.fallback`,
    event: 'fallback',
    channel: 'email',
    subject: reason.fallback.subject,
    text: reason.fallback.text,
    variables: fallbackVariables,
  };
}
