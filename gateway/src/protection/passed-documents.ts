import type { DocumentNode } from 'graphql';

/**
 * Operations a check has already let through, remembered per document for operations sent
 * without variables: for those the check's answer depends on the document and the operation name
 * alone. Apollo Server keeps one parsed and validated document per query text (its document
 * store), so a query sent again arrives as the same object and skips the walk over it. Only passes
 * are remembered (a refusal is computed again, with its own error); a document Apollo drops from
 * its store is dropped here with it (WeakMap).
 */
export class PassedDocuments {
  private readonly passed = new WeakMap<DocumentNode, Set<string>>();

  /** The error `check` refuses the operation with, or null: a pass is remembered for an operation without variables. */
  check<E>(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
    check: () => E | null,
  ): E | null {
    const fixed = !variables || Object.keys(variables).length === 0;
    const name = operationName ?? '';
    if (fixed && this.passed.get(document)?.has(name)) return null;
    const error = check();
    if (!error && fixed) {
      let names = this.passed.get(document);
      if (!names) this.passed.set(document, (names = new Set()));
      names.add(name);
    }
    return error;
  }
}
