import { NavLink } from 'react-router';
import { PageHeader } from '../../ui/components';

const SECTIONS = [
  { to: '/settings', label: 'Profile' },
  { to: '/settings/privacy', label: 'Privacy' },
  { to: '/settings/followers', label: 'Followers and blocks' },
  { to: '/settings/security', label: 'Sign-in and security' },
  { to: '/settings/integrations', label: 'Integrations' },
] as const;

/** The settings' page header and the tabs between their sections (each section has its own address). */
export function SettingsHeader({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <>
      <PageHeader title={title} subtitle={subtitle} />
      <nav aria-label="Settings sections" className="tabs">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end className="tab">
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
