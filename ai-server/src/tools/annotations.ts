import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';

/** A tool's annotations: every hint, and a title. */
export type Annotations = Required<ToolAnnotations>;

// What a client may assume about a tool before calling it (MCP tool annotations). Every tool
// acts on the runner's own Maratron data only: none reaches an open world (openWorldHint: false).

/** Reads only: safe to call any time, any number of times. */
export const reads = (title: string): Annotations => ({
  title,
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
});

/**
 * Changes the runner's data. `destructive`: may remove or overwrite what the runner had (a
 * deleted run, a changed field); `idempotent`: calling it again with the same arguments changes
 * nothing more.
 */
export const writes = (title: string, { destructive, idempotent }: { destructive: boolean; idempotent: boolean }): Annotations => ({
  title,
  readOnlyHint: false,
  destructiveHint: destructive,
  idempotentHint: idempotent,
  openWorldHint: false,
});
