/**
 * A list of ids as ONE text parameter (`a,b,c`), unpacked in SQL by `idListSql('$2')`. For
 * the thousands of ids a live event checks at once (its subscribers), a uuid[] parameter
 * costs more to encode and parse than the query itself; a joined string costs next to nothing.
 */
export function idList(ids: readonly string[]): string {
  return ids.join(',');
}

/** The SQL for the uuid[] a parameter made by `idList` holds. */
export function idListSql(param: string): string {
  return `string_to_array(${param}, ',')::uuid[]`;
}
