#!/usr/bin/python3
"""sheet_check.py - reads an XLSX written by canbo with an independent
reader (openpyxl) and checks it against the CSV of the same command.

  sheet_check.py XLSX CSV [--pct HEADER]... [--charts N] [--title TEXT]...

Every row of the CSV (with labels: BOM, translated headers) must be in the
sheet below its title block, cell for cell: numbers as numbers equal to the
CSV's figure, percentages as percentage cells equal to the CSV's (decimal
comma or point), text equal. The columns named by --pct must be
percentage cells; the sheet must hold N charts; a frozen header row.
"""
import csv
import sys

import openpyxl


def fail(msg):
    print("sheet_check: " + msg, file=sys.stderr)
    sys.exit(1)


def main(argv):
    xlsx, csv_path = argv[0], argv[1]
    pct_headers, charts, titles = [], None, []
    i = 2
    while i < len(argv):
        if argv[i] == "--pct":
            pct_headers.append(argv[i + 1])
        elif argv[i] == "--charts":
            charts = int(argv[i + 1])
        elif argv[i] == "--title":
            titles.append(argv[i + 1])
        else:
            fail("unknown argument " + argv[i])
        i += 2
    raw = open(csv_path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        fail(csv_path + " does not start with a UTF-8 byte-order mark")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    header, body = rows[0], rows[1:]
    ws = openpyxl.load_workbook(xlsx).active
    grid = list(ws.iter_rows())
    at = next((r for r, row in enumerate(grid)
               if [c.value for c in row[:len(header)]] == header), None)
    if at is None:
        fail("no header row %r in %s" % (header, xlsx))
    block = [str(c.value) for row in grid[:at] for c in row if c.value is not None]
    for t in titles:
        if not any(t in b for b in block):
            fail("title block %r lacks %r" % (block, t))
    if ws.freeze_panes != "A%d" % (at + 2):
        fail("header row %d not frozen (%s)" % (at + 1, ws.freeze_panes))
    data = grid[at + 1:]
    # the rows end at the first empty line (a signature block may follow)
    end = next((i for i, row in enumerate(data) if all(c.value is None for c in row)), len(data))
    data = data[:end]
    if len(data) != len(body):
        fail("%d rows in the sheet, %d in the CSV" % (len(data), len(body)))
    pct_cols = [header.index(h) for h in pct_headers]
    numbers = 0
    for r, (xrow, crow) in enumerate(zip(data, body)):
        for c, want in enumerate(crow):
            cell = xrow[c] if c < len(xrow) else None
            got = cell.value if cell is not None else None
            where = "%s row %d column %r" % (xlsx, r + 1, header[c])
            if want == "":
                if got not in (None, ""):
                    fail("%s: %r where the CSV is empty" % (where, got))
                continue
            is_pct = "%" in (cell.number_format or "")
            if c in pct_cols and not is_pct:
                fail("%s: %r is not a percentage cell" % (where, got))
            if isinstance(got, (int, float)) and not isinstance(got, bool):
                value = float(want.replace(",", "."))
                shown = got * 100 if is_pct else got
                if abs(shown - value) > 1e-9:
                    fail("%s: %r, the CSV says %s" % (where, shown, want))
                numbers += 1
            elif str(got) != want:
                fail("%s: %r, the CSV says %r" % (where, got, want))
    if charts is not None and len(ws._charts) != charts:
        fail("%d charts in %s, expected %d" % (len(ws._charts), xlsx, charts))
    ps = ws.page_setup
    if str(ps.paperSize) != "9" or not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail("%s is not set up for A4 fitted to the width" % xlsx)
    if "&P" not in (ws.oddFooter.center.text or ""):
        fail("%s has no page number in its footer" % xlsx)
    print("ok %s: %d rows, %d numbers" % (xlsx, len(body), numbers))


if __name__ == "__main__":
    main(sys.argv[1:])
