import { useApolloClient, useQuery, useSubscription } from '@apollo/client';
import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { prependToConnection } from './apollo/cache';
import { useLiveStatus } from './apollo/client';
import { useSignOut } from './apollo/signout';
import { NotificationAddedSubscription, NotificationsQuery } from './api/operations';
import { Avatar } from './ui/components';
import { Icon } from './ui/icons';
import type { IconName } from './ui/icons';
import { useViewer } from './viewer';

const NAV: { to: string; label: string; icon: IconName }[] = [
  { to: '/', label: 'Dashboard', icon: 'dashboard' },
  { to: '/runs', label: 'Runs', icon: 'runs' },
  { to: '/import', label: 'Import', icon: 'import' },
  { to: '/feed', label: 'Feed', icon: 'feed' },
  { to: '/groups', label: 'Groups', icon: 'groups' },
  { to: '/coach', label: 'Coach', icon: 'coach' },
  { to: '/plan', label: 'Training plan', icon: 'plan' },
  { to: '/shoes', label: 'Shoes', icon: 'shoes' },
];

/**
 * The signed-in frame: navigation (a sidebar on wide screens, a menu on phones), the live
 * notification badge, and the main landmark that receives focus on every navigation so
 * screen readers announce the new page.
 */
export function Shell({ children }: { children: ReactNode }) {
  const me = useViewer();
  const signOut = useSignOut();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    setMenuOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <Icon name={menuOpen ? 'close' : 'menu'} />
          <span className="visually-hidden">Menu</span>
        </button>
        <Link to="/" className="brand">
          <Icon name="logo" />
          <span>Maratron</span>
        </Link>
        <div className="topbar-end">
          <LiveIndicator />
          <NotificationBell />
          <Link to={`/u/${me.username}`} className="topbar-profile" aria-label={`Your profile (${me.name})`}>
            <Avatar name={me.name} size="sm" />
          </Link>
        </div>
      </header>
      <nav id="site-nav" className={`sidebar ${menuOpen ? 'open' : ''}`} aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                <Icon name={item.icon} />
                <span>{item.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
        <ul className="sidebar-secondary">
          <li>
            <NavLink to={`/u/${me.username}`} className="nav-link">
              <Icon name="user" />
              <span>Profile</span>
            </NavLink>
          </li>
          <li>
            <NavLink to="/settings" className="nav-link">
              <Icon name="settings" />
              <span>Settings</span>
            </NavLink>
          </li>
          <li>
            <button type="button" className="nav-link" onClick={() => void signOut()}>
              <Icon name="signout" />
              <span>Sign out</span>
            </button>
          </li>
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} className="content">
        {children}
      </main>
    </div>
  );
}

/** Shows whether live updates flow; silent until a live view has asked for them. */
function LiveIndicator() {
  const status = useLiveStatus();
  if (status === 'idle') return null;
  const text = status === 'connected' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <span
      className={`live live-${status}`}
      role="status"
      title={status === 'connected' ? 'Live updates are on' : 'Live updates paused: reconnecting'}
    >
      <span className="live-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

/** The unread count, kept live by notificationAdded (the event is prepended in the cache). */
function NotificationBell() {
  const client = useApolloClient();
  const { data } = useQuery(NotificationsQuery, { errorPolicy: 'ignore' });
  useSubscription(NotificationAddedSubscription, {
    onData: ({ data: event }) => {
      const n = event.data?.notificationAdded;
      if (!n) return;
      prependToConnection(client.cache, {
        field: 'notifications',
        edgeTypename: 'NotificationEdge',
        node: n,
        countField: n.read ? null : 'unreadCount',
      });
      // A new follow request: the pending list (Settings → Followers) is read again when shown.
      if (n.kind === 'FOLLOW_REQUESTED') client.cache.evict({ id: 'ROOT_QUERY', fieldName: 'followRequests' });
    },
  });
  const unread = data?.notifications.unreadCount ?? 0;
  return (
    <Link to="/notifications" className="icon-button bell" aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}>
      <Icon name="bell" />
      {unread > 0 && (
        <span className="badge" data-testid="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
