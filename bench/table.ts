/** A cell of a table. */
export type Cell = string | number;

const text = (cell: Cell): string =>
  typeof cell === 'number' ? formatNumber(cell) : cell;

/**
 * A number for a table: integers with thousands separators, others with
 * at most `digits` decimals.
 */
export const formatNumber = (value: number, digits = 2): string => {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
};

/** A ratio as `×1.23` (three decimals below 0.1, so it never reads 0). */
export const ratio = (value: number, baseline: number): string => {
  if (baseline === 0) return 'n/a';
  const quotient = value / baseline;
  return `×${formatNumber(quotient, quotient < 0.1 ? 3 : 2)}`;
};

/**
 * Rows laid out in columns, the header underlined. The first column (the
 * row's name) is left-aligned, the figures right-aligned so digits line up.
 */
export const renderTable = (
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): string[] => {
  const cells = [header, ...rows.map((row) => row.map(text))];
  const widths = header.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)];
};
