#!/usr/bin/python3
"""report_check.py - recounts every cell of a report from `canbo find`.

  report_check.py FIND.csv REPORT.csv AS_OF ROWS

FIND.csv is `canbo find --format csv --limit 0` (everyone), REPORT.csv
`canbo report run NAME --format csv`. ROWS maps each row label to who it
counts, one per line: LABEL=district:NAME | level:L1,L2 | gender:G | all |
sum (the rows since the previous sum); *=district makes every other label
the name of a district. Column keys name what a cell
counts (count_total, count_gender_female, percent_under40_under40,
percent_total ...); percentages are rounded half up to one decimal, of
the row or (_of_total, percent_total) of the same figure in the last row.
"""
import csv
import os
import sys
from datetime import date
from fractions import Fraction


def age(born, on):
    b = date.fromisoformat(born)
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def has(c, dim, value, on):
    if dim == "gender":
        return c["gender"] == value
    if dim == "under40":
        return (age(c["birth_date"], on) < 40) == (value == "under40")
    if dim == "ethnicity":
        return (c["ethnicity"] == "Kinh") == (value == "kinh")
    if dim == "education":
        return c["education"] == value
    if dim == "theory":
        return c["political_theory"] == value
    if dim == "ethnic-group":  # the CSV names the group, the layout codes it
        return c["ethnicity"] == ETHNIC_GROUPS[value]
    if dim in CODED:  # lists.ini codes; an empty cell was never recorded
        return c[dim.replace("-", "_")] == ("" if value == "not-recorded" else value)
    raise SystemExit("report_check: no recount for " + dim)


CODED = ("religion", "academic-title", "general-education", "state-management",
         "foreign-language", "it-level")


def lists_ini_section(name):
    """code -> label of one section of the shipped config/lists.ini."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "config", "lists.ini")
    out, inside = {}, False
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line.startswith("["):
            inside = line == "[" + name + "]"
        elif inside and "=" in line and not line.startswith(";"):
            code, label = (x.strip() for x in line.split("=", 1))
            out[code] = label
    return out


ETHNIC_GROUPS = lists_ini_section("ethnicity")


def pct(num, den):
    if den == 0:
        return ""
    exact = Fraction(num * 100, den)
    tenths = (exact * 10 * 2 + 1) // 2  # half up, on exact fractions
    return "%d.%d" % (tenths // 10, tenths % 10)


def main(find_csv, report_csv, as_of, rows_spec):
    on = date.fromisoformat(as_of)
    cadres = list(csv.DictReader(open(find_csv, encoding="utf-8")))
    spec = dict(line.split("=", 1) for line in rows_spec.strip().splitlines())
    rep = list(csv.reader(open(report_csv, encoding="utf-8")))
    keys, lines = rep[0], rep[1:]
    figures = []  # per line: {key: (num, den-or-None)}
    since = []
    for line in lines:
        who = spec.get(line[0], "district:" + line[0] if spec.get("*") == "district" else None)
        if who is None:
            raise SystemExit("report_check: unexpected row %r" % line[0])
        if who == "sum":
            members = [c for group in since for c in group]
            since = []
        else:
            kind, _, arg = who.partition(":")
            if kind == "all":
                members = cadres
            elif kind == "district":
                members = [c for c in cadres if c["district"] == arg]
            elif kind == "level":
                members = [c for c in cadres if c["level"] in arg.split(",")]
            elif kind == "gender":
                members = [c for c in cadres if c["gender"] == arg]
            else:
                raise SystemExit("report_check: bad row spec " + who)
            since.append(members)
        row = {}
        for k in keys[1:]:
            parts = k.split("_")
            what = parts[0]
            of_total = k.endswith("_of_total") or k == "percent_total"
            if parts[1] == "total":
                n = len(members)
            else:
                n = sum(1 for c in members if has(c, parts[1], parts[2], on))
            row[k] = (what, n, len(members), of_total)
        figures.append(row)
    checked = 0
    for line, row in zip(lines, figures):
        for i, k in enumerate(keys[1:], 1):
            what, n, total, of_total = row[k]
            if what == "count":
                want = str(n)
            else:
                den = figures[-1][k][1] if of_total else total
                want = pct(n, den)
            if line[i] != want:
                raise SystemExit("report_check: %s / %s is %s, recounted %s"
                                 % (line[0], k, line[i], want))
            checked += 1
    print("ok %s: %d cells recounted" % (report_csv, checked))


if __name__ == "__main__":
    main(*sys.argv[1:])
