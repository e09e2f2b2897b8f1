/** Prints a measured figure of a reliability test (docs/reliability.md quotes them). */
export function figure(name: string, values: Record<string, unknown>): void {
  process.stdout.write(`[figure] ${name}: ${JSON.stringify(values)}\n`);
}
