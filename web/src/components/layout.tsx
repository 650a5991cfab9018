// The frame around every signed-in page: skip link, navigation by role, who is signed in.
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession, useAgent } from '../auth/session';
import { useLiveUpdates } from '../live/use-live-updates';

export function Layout() {
  const agent = useAgent();
  const { logout, token } = useSession();
  const navigate = useNavigate();
  useLiveUpdates(token);
  const manages = agent.role === 'manager' || agent.role === 'admin';
  const section = useLocation().pathname.split('/')[1] ?? '';
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
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Kept</span>
        <nav aria-label="Main">
          <NavLink to="/inbox/mine">Inbox</NavLink>
          {manages && <NavLink to="/manager">Manager</NavLink>}
          {manages && <NavLink to="/dashboard">Dashboard</NavLink>}
          {agent.role === 'admin' && <NavLink to="/agents">Agents</NavLink>}
          <NavLink to="/settings">Settings</NavLink>
        </nav>
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
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
