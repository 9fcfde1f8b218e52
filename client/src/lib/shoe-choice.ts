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

/**
 * The label of the picker's empty value on a new run or import: the default shoe by name, "No shoe"
 * when the runner has no default, and "Default shoe" until their shoes have loaded (the empty value
 * means the default whatever it turns out to be).
 */
export function defaultChoiceLabel(shoes: { name: string; isDefault: boolean }[] | undefined): string {
  if (!shoes) return 'Default shoe';
  const shoe = shoes.find((s) => s.isDefault);
  return shoe ? `Default (${shoe.name})` : 'No shoe';
}
