import { describe, expect, it } from 'vitest';
import { liveScopeOf } from './live-scope';

describe('the live stream each page asks for', () => {
  it('a case page hears of its own case only', () => {
    expect(liveScopeOf('/cases/cas_1')).toBe('case:cas_1');
  });

  it('lists of cases hear of every case; the manager and the dashboard of everything; settings of nothing', () => {
    expect(liveScopeOf('/inbox/mine')).toBe('cases');
    expect(liveScopeOf('/customers/cus_1')).toBe('cases');
    expect(liveScopeOf('/manager')).toBe('all');
    expect(liveScopeOf('/dashboard/forecast')).toBe('all');
    expect(liveScopeOf('/settings')).toBe('none');
    expect(liveScopeOf('/somewhere-new')).toBe('all');
  });
});
