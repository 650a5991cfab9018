import { describe, expect, it } from 'vitest';
import { canOpen, deniedMessage } from './roles';

describe('pages by role', () => {
  it('keeps the manager’s view and the dashboard from agents, and the agents page for admins', () => {
    expect([canOpen('agent', 'manager'), canOpen('agent', 'dashboard'), canOpen('agent', 'agents')]).toEqual([false, false, false]);
    expect([canOpen('manager', 'manager'), canOpen('manager', 'dashboard'), canOpen('manager', 'agents')]).toEqual([true, true, false]);
    expect([canOpen('admin', 'manager'), canOpen('admin', 'dashboard'), canOpen('admin', 'agents')]).toEqual([true, true, true]);
  });

  it('tells who the page is for and who is signed in', () => {
    expect(deniedMessage('agent', 'dashboard')).toBe('The dashboard is for managers and admins. You are signed in as an agent.');
    expect(deniedMessage('manager', 'agents')).toBe('The agents page is for admins. You are signed in as a manager.');
  });
});
