// The reason catalog as the composer offers it: a Reason value is a catalog code, which the template prints
// as the reason's customer text, so the agent picks from the catalog rather than typing a code.

export interface ReasonOption {
  code: string;
  customerText: string;
}

/** The loaded `reasons` section (any shape the settings answer has) as options, in catalog order. */
export function reasonOptions(reasons: unknown): ReasonOption[] {
  if (!Array.isArray(reasons)) return [];
  return reasons.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { code, customer_text: customerText } = item as Record<string, unknown>;
    return typeof code === 'string' ? [{ code, customerText: typeof customerText === 'string' ? customerText : '' }] : [];
  });
}
