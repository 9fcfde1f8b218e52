import type { Logger } from 'typeorm';

/**
 * Counts SQL statements as TypeORM sends them. Tests use it to prove that a page costs a
 * fixed number of statements whatever its size (no N+1); it costs one increment per query.
 */
export class StatementCounter implements Logger {
  count = 0;
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
