/**
 * The shoe picker's value for "no shoe" when the runner has a default shoe. The empty value means
 * "the default shoe" on a new run or import and "no shoe" when editing a run (which has no default).
 */
export const NO_SHOE = 'none';

/**
 * What the API's `shoeId` should be for a picker value: omitted (undefined) for the default shoe —
 * the server then picks the runner's default — null for no shoe, or the chosen shoe's id.
 * (null never means "default": sending it would store the run without a shoe.)
 */
export function shoeIdFor(choice: string, { editing }: { editing: boolean }): string | null | undefined {
  if (choice === NO_SHOE) return null;
  if (choice === '') return editing ? null : undefined;
  return choice;
}
