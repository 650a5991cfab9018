// The loaded configuration, read-only, and the templates for the composer's picker.
import { request } from './http';
import { itemsOf } from './lists';
import type { ListOf, Settings, Template } from './types';

/** `GET /api/v1/settings` — policies, calendars, reasons and templates with validation errors. */
export function fetchSettings(): Promise<Settings> {
  return request<Settings>('/settings');
}

/** `GET /api/v1/templates` — the templates an agent may reply with. */
export async function listTemplates(): Promise<Template[]> {
  return itemsOf(await request<ListOf<Template>>('/templates'));
}
