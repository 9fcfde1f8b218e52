/** Inline stroke icons (24×24 grid), so the app loads no icon font or image from anywhere. */
const PATHS = {
  logo: 'M3 19l5-14 4 9 3-6 6 11',
  dashboard: 'M4 13h6V4H4zM14 20h6V11h-6zM4 20h6v-4H4zM14 4v4h6V4z',
  runs: 'M13 4a2 2 0 1 0 4 0 2 2 0 1 0-4 0M5 21l4-6 3 2 2-5 4 3M9 9l4-2 3 4 3 1M8 13l1-4',
  import: 'M12 3v12M7 10l5 5 5-5M4 17v3h16v-3',
  feed: 'M4 5h16M4 12h16M4 19h10',
  groups: 'M8 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2 20c0-3.3 2.7-6 6-6s6 2.7 6 6M17 11a3 3 0 1 0 0-6M22 20c0-3-2-5.4-5-5.9',
  coach: 'M4 5h16v11H9l-5 4z M8 10h8M8 13h5',
  plan: 'M4 6h16v14H4zM4 10h16M9 3v5M15 3v5M8 14h3M13 14h3M8 17h3',
  shoes: 'M3 16l1-7 4 1 3 3 6 1c2 0 4 1 4 3v1H3zM3 19h18',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4.4 3.6-7 8-7s8 2.6 8 7',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19 12l2-1-1-3-2 .5-1.5-1.5.5-2-3-1-1 2h-2l-1-2-3 1 .5 2L6 7.5 4 7 3 10l2 1v2l-2 1 1 3 2-.5 1.5 1.5-.5 2 3 1 1-2h2l1 2 3-1-.5-2 1.5-1.5 2 .5 1-3-2-1z',
  signout: 'M10 4H5v16h5M15 8l4 4-4 4M19 12H9',
  bell: 'M6 16V11a6 6 0 1 1 12 0v5l2 2H4zM10 21h4',
  menu: 'M4 6h16M4 12h16M4 18h16',
  close: 'M6 6l12 12M18 6L6 18',
  heart: 'M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z',
  comment: 'M4 5h16v11H9l-5 4z',
  upload: 'M12 16V4M7 9l5-5 5 5M4 17v3h16v-3',
  trash: 'M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  plus: 'M12 5v14M5 12h14',
  check: 'M5 12l5 5 9-10',
  download: 'M12 4v12M7 11l5 5 5-5M4 20h16',
  share: 'M16 6l-4-3-4 3M12 3v12M5 12v8h14v-8',
  tool: 'M14 6a4 4 0 0 0 5 5l-9 9-3-3 9-9a4 4 0 0 1-2-2z',
  send: 'M4 12l16-8-6 16-3-7z',
  trophy: 'M8 4h8v5a4 4 0 0 1-8 0zM8 6H5a3 3 0 0 0 3 4M16 6h3a3 3 0 0 1-3 4M12 13v4M8 20h8',
  alert: 'M12 4l9 16H3zM12 10v4M12 17v.5',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={`icon ${className ?? ''}`}
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
