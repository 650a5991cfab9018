// The frame around every signed-in page: skip link, navigation by role, who is signed in, the live stream's state.
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession, useAgent } from '../auth/session';
import { formatTime } from '../lib/format';
import { canOpen } from '../lib/roles';
import { liveScopeOf } from '../lib/live-scope';
import { useLiveUpdates } from '../live/use-live-updates';
import { clockQuery } from '../api/queries';
import { SearchBox } from './search-box';

export function Layout() {
  const agent = useAgent();
  const { logout, token } = useSession();
  const navigate = useNavigate();
  const pathname = useLocation().pathname;
  const live = useLiveUpdates(token, liveScopeOf(pathname));
  const clock = useQuery(clockQuery());
  const section = pathname.split('/')[1] ?? '';
  const lastSection = useRef(section);

  // Moving to another page puts focus at its start, so screen readers and Tab begin there;
  // switching queues inside the inbox keeps focus on the tabs.
  useEffect(() => {
    if (section === lastSection.current) return;
    lastSection.current = section;
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [section]);

  return (
    <div className="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: the console routes by URL hash, so the skip link moves focus itself instead of navigating */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Kept</span>
        <nav aria-label="Main">
          <NavLink to="/inbox/mine">Inbox</NavLink>
          {canOpen(agent.role, 'manager') && <NavLink to="/manager">Manager</NavLink>}
          {canOpen(agent.role, 'dashboard') && <NavLink to="/dashboard">Dashboard</NavLink>}
          {canOpen(agent.role, 'agents') && <NavLink to="/agents">Agents</NavLink>}
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <SearchBox />
        {clock.data?.mode === 'manual' && (
          <span className="clock muted" title="KEPT_CLOCK=manual: Kept's time moves only with POST /api/v1/clock">
            Manual clock: {formatTime(clock.data.now)}
          </span>
        )}
        <span className={`live live-${live}`} aria-hidden="true" title={live === 'live' ? 'Live updates on' : 'Live updates off'} />
        <span className="who">
          {agent.name} <span className="muted">({agent.role})</span>
        </span>
        <button
          type="button"
          onClick={() => {
            void logout().then(() => navigate('/login'));
          }}
        >
          Log out
        </button>
      </header>
      <div role="status" className="live-banner-slot">
        {live === 'reconnecting' && <p className="live-banner">Live updates disconnected — reconnecting…</p>}
      </div>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
