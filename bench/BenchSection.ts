/** One table of results; the runner prints it aligned. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Lines printed under the table: what was measured, how, and the ratios. */
  notes?: string[];
}

/**
 * One benchmark section, registered as a module in bench/sections/ (run in file-name order).
 * Export it as the module's default export.
 */
export interface BenchSection {
  name: string;
  run(): Promise<BenchTable[]> | BenchTable[];
}
