// The table the fuzz and fault suites end with: what they injected and what was lost (every "lost" column must be 0).

export type ReportRow = Record<string, string | number>;

/** Prints `rows` as an aligned text table under `title`; numbers right-aligned, columns from the first row. */
export function printReport(title: string, rows: ReportRow[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as ReportRow);
  const cell = (row: ReportRow, column: string) => String(row[column] ?? "");
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row, column).length)));
  const line = (values: string[], numeric: boolean[]) =>
    values
      .map((value, index) => (numeric[index] ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0)))
      .join("  ");
  const numeric = columns.map((column) => rows.every((row) => typeof row[column] === "number"));
  const output = [
    "",
    `━━━ ${title} ━━━`,
    line(columns, numeric),
    line(
      widths.map((width) => "─".repeat(width)),
      numeric,
    ),
    ...rows.map((row) =>
      line(
        columns.map((column) => cell(row, column)),
        numeric,
      ),
    ),
    "",
  ];
  console.log(output.join("\n"));
}
