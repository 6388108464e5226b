/**
 * A calendar date (YYYY-MM-DD) from an import file's cell, or undefined when it is not one:
 * `2026-03-31`, `2026/3/31`, `2026.3.31`, an ISO instant at midnight UTC (a date cell read with
 * styles), or an XLSX date as the streaming reader gives it without styles, the spreadsheet's
 * serial day number (days since 1899-12-30; the time of day is ignored).
 */
export function spreadsheetDate(raw: unknown): string | undefined {
  if (typeof raw === 'number') {
    if (!(raw >= 1 && raw < 2958466)) return undefined;
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(raw) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:T00:00:00(?:\.000)?Z)?$/.exec(text);
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : undefined;
}
