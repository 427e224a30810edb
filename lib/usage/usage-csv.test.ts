import { describe, expect, it } from "vitest";
import { csvText, usageCsv, type UsageCsvRow } from "./usage-csv";

const row = (over: Partial<UsageCsvRow> = {}): UsageCsvRow => ({
  day: "2026-03-09",
  keyId: "ck1",
  keyName: "Checkout",
  environment: "live",
  units: 12,
  requests: 10,
  refused401: 1,
  refused429: 2,
  ...over,
});

describe("usageCsv", () => {
  it("starts with a byte-order mark and the ASCII header, and ends every line with CRLF", () => {
    const csv = usageCsv([row()]);
    expect(csv.startsWith("\uFEFFday,key_id,key_name,environment,units,requests,refused_401,refused_429\r\n")).toBe(true);
    expect(csv.slice(1)).toBe("day,key_id,key_name,environment,units,requests,refused_401,refused_429\r\n2026-03-09,ck1,Checkout,live,12,10,1,2\r\n");
  });

  it("writes only the header for no rows", () => {
    expect(usageCsv([])).toBe("\uFEFFday,key_id,key_name,environment,units,requests,refused_401,refused_429\r\n");
  });

  it("quotes names with commas, quotes and line breaks, so every row keeps eight fields", () => {
    const csv = usageCsv([row({ keyName: 'Shop, "EU"\nbackup' })]);
    expect(csv.split("\r\n")[1]).toBe('2026-03-09,ck1,"Shop, ""EU""\nbackup",live,12,10,1,2');
  });

  it.each([
    ["=HYPERLINK(\"x\")", `"'=HYPERLINK(""x"")"`],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["a=b", "a=b"],
    ["Zürich 東京", "Zürich 東京"],
  ])("defuses a cell a spreadsheet would run as a formula: %j", (name, cell) => {
    expect(csvText(name)).toBe(cell);
  });
});
