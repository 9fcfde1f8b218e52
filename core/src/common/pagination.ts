import { badInput, fieldLabel } from '@maratron/domain';
import type { Page } from '@maratron/schema';

export const DEFAULT_PAGE_SIZE = 20;
/** No page is larger than this, whatever a client asks for. */
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, field = 'first', max = MAX_PAGE_SIZE): number {
  const n = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 0 || n > max) throw badInput(field, `${fieldLabel(field)} must be between 0 and ${max}`);
  return n;
}

/**
 * Keyset cursors: the sort key of the last row seen (a timestamp and the id that breaks
 * ties). Rows inserted while a client pages can't shift what comes next, unlike OFFSET.
 */
export interface Keyset {
  at: Date;
  id: string;
}

export function encodeCursor(key: Keyset): string {
  return Buffer.from(`${key.at.toISOString()}|${key.id}`).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | null | undefined, field = 'after'): Keyset | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(at.getTime())) throw badInput(field, `${fieldLabel(field)} is not one this API gave out`);
  return { at, id };
}

/** Rows fetched with LIMIT first + 1, cut to a page: the extra row only says more follow. */
export function toPage<T>(rows: T[], first: number, keyOf: (row: T) => Keyset): Page<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
