// The Usage tab's export: long format, one row per day and key, every key
// on its own (no "Other"), so a spreadsheet can pivot it any way. UTF-8 with
// a byte-order mark, because Excel reads a BOM-less file in the machine's
// legacy code page and mangles non-ASCII key names; CRLF line ends (RFC 4180).

export const USAGE_CSV_HEADER = ["day", "key_id", "key_name", "environment", "units", "requests", "refused_401", "refused_429"] as const;

export type UsageCsvRow = {
  /** YYYY-MM-DD */
  day: string;
  keyId: string;
  keyName: string;
  environment: string;
  units: number;
  requests: number;
  refused401: number;
  refused429: number;
};

const BOM = "\uFEFF";

/**
 * One text field: a value a spreadsheet would run as a formula (= + - @, or a
 * tab or carriage return before one) gets a leading apostrophe, and a value
 * with a comma, quote or line break is quoted with its quotes doubled.
 */
export function csvText(value: string): string {
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

export function usageCsv(rows: UsageCsvRow[]): string {
  const lines = rows.map((row) =>
    [csvText(row.day), csvText(row.keyId), csvText(row.keyName), csvText(row.environment), row.units, row.requests, row.refused401, row.refused429].join(","),
  );
  return BOM + [USAGE_CSV_HEADER.join(","), ...lines].join("\r\n") + "\r\n";
}
