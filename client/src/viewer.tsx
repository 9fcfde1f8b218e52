import { createContext, useContext } from 'react';
import type { ViewerFieldsFragment } from './gql/graphql';
import type { Units } from './lib/format';

/** The signed-in runner, loaded once by the shell; every screen reads it from here. */
export const ViewerContext = createContext<ViewerFieldsFragment | null>(null);

export function useViewer(): ViewerFieldsFragment {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in shell');
  return viewer;
}

/** The viewer's distance units: METRIC (km) or IMPERIAL (miles). */
export const useUnits = (): Units => useViewer().units;

/** The viewer's IANA time zone: weeks, months and days are counted in it by the server. */
export const useTimeZone = (): string => useViewer().trainingProfile?.timeZone ?? 'UTC';
