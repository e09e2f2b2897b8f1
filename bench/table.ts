export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Prints a small aligned table: name, value, ratio to the baseline. */
export function printTable(title: string, rows: string[][], header = ['case', 'rate', 'ratio']): void {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  process.stdout.write(`\n${title}\n`);
  for (const [index, row] of all.entries()) {
    process.stdout.write(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}\n`);
    if (index === 0) process.stdout.write(`  ${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  }
}
