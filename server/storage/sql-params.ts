/** Collects bind parameters while SQL text is being assembled. */
import type { SqlValue } from './sql.js';

/**
 * An ordered list of bind values. `add` returns the placeholder (`$n`) to put in the text,
 * so input only ever travels as a parameter, never inside the SQL string.
 */
export class SqlParams {
  readonly values: SqlValue[];

  constructor(initial: readonly SqlValue[] = []) {
    this.values = [...initial];
  }

  /** Appends `value` and returns its placeholder, e.g. `$3`. */
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
