#!/usr/bin/env python3
"""Scores coffman-check's findings on each code base against the verdicts and
known hazards in scripts/realcode/, prints the table, the goals of issue 11,
each finding that has no verdict, each hazard missed and each file that
failed to analyse.  Exit 0 when every goal is met and every finding has a
verdict, else 1.

usage: report.py RECIPES_DIR RESULT_DIR...
  RESULT_DIR (named after the code base) holds src (the source root),
  findings.json, check.time, check.mem (KiB), check.rc, check.stderr,
  parse.time and parse.cmds, as scripts/bench-realcode writes them.
"""
import json
import os
import sys

VERDICTS = ("TP", "TP-benign", "FP")
GOAL_TRUE_SHARE = 0.90
GOAL_FP_MAX = 2
GOAL_RATIO_MAX = 1.5
GOAL_MEM_KIB = 1024 * 1024


def read_lines(path):
    """(line number, text) of each non-blank, non-comment line of PATH."""
    if not os.path.exists(path):
        return []
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line and not line.startswith("#"):
                out.append((n, line))
    return out


def split_place(place, path, n):
    file, sep, line = place.rpartition(":")
    if not sep or not line.isdigit():
        sys.exit("%s:%d: expected FILE:LINE, got '%s'" % (path, n, place))
    return file, int(line)


def load_verdicts(path):
    """{(kind, file, line): (verdict, reason)} from `kind file:line verdict reason`."""
    verdicts = {}
    for n, line in read_lines(path):
        parts = line.split(None, 3)
        if len(parts) < 4 or parts[2] not in VERDICTS:
            sys.exit("%s:%d: expected 'KIND FILE:LINE %s REASON'" % (path, n, "|".join(VERDICTS)))
        file, lineno = split_place(parts[1], path, n)
        verdicts[(parts[0], file, lineno)] = (parts[2], parts[3])
    return verdicts


def load_hazards(path):
    """[(kind, file, line, description)] from `kind file:line description`."""
    hazards = []
    for n, line in read_lines(path):
        parts = line.split(None, 2)
        if len(parts) < 3:
            sys.exit("%s:%d: expected 'KIND FILE:LINE DESCRIPTION'" % (path, n))
        file, lineno = split_place(parts[1], path, n)
        hazards.append((parts[0], file, lineno, parts[2]))
    return hazards


def read(path, default=""):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return default


def relative(file, src):
    real = os.path.realpath(file)
    if real.startswith(src + os.sep):
        return os.path.relpath(real, src)
    return file


def places(finding, src):
    """The finding's own place first, then its notes' places."""
    locs = [finding.get("location", {})]
    locs += [n.get("location", {}) for n in finding.get("notes", [])]
    return [(relative(l["file"], src), l.get("line", 0)) for l in locs if l.get("file")]


def score(recipes, result):
    name = os.path.basename(result.rstrip("/"))
    src = os.path.realpath(read(os.path.join(result, "src")))
    verdicts = load_verdicts(os.path.join(recipes, name + ".verdicts"))
    hazards = load_hazards(os.path.join(recipes, name + ".hazards"))
    row = {"name": name, "TP": 0, "TP-benign": 0, "FP": 0, "none": [], "failed": []}
    try:
        with open(os.path.join(result, "findings.json")) as f:
            doc = json.load(f)
    except (OSError, ValueError):
        stderr = read(os.path.join(result, "check.stderr")).splitlines()
        doc = {"findings": [], "errors": [{"file": "(whole run)", "message":
               "coffman-check exited %s without a report: %s" %
               (read(os.path.join(result, "check.rc"), "?"),
                stderr[-1] if stderr else "no message")}]}
    findings = doc.get("findings", [])
    row["findings"] = len(findings)
    row["failed"] = ["%s: %s" % (relative(e.get("file", "?"), src),
                                 e.get("message", "").splitlines()[0] if e.get("message") else "")
                     for e in doc.get("errors", [])]
    used = set()
    found = set()
    for f in findings:
        kind = f.get("kind", "?")
        own = places(f, src)
        key = (kind,) + (own[0] if own else ("?", 0))
        hit = [h for h in hazards if h[0] == kind and (h[1], h[2]) in own]
        found.update(hit)
        if key in verdicts:
            used.add(key)
            row[verdicts[key][0]] += 1
        elif hit:
            row["TP"] += 1  # a known hazard is a true finding
        else:
            row["none"].append("%s:%d: %s: %s" % (key[1], key[2], kind, f.get("message", "")))
    row["gone"] = len(set(verdicts) - used)
    row["hazards"] = (len(found), len(hazards))
    row["missed"] = ["%s %s:%d %s" % h for h in hazards if h not in found]
    row["files"] = len(read(os.path.join(result, "parse.cmds")).splitlines())
    row["check_s"] = float(read(os.path.join(result, "check.time"), "0") or 0)
    row["parse_s"] = float(read(os.path.join(result, "parse.time"), "0") or 0)
    mem = read(os.path.join(result, "check.mem"), "0").splitlines()
    row["mem_kib"] = int(mem[-1]) if mem and mem[-1].isdigit() else 0
    return row


def ok(good):
    return "ok" if good else "MISS"


def ratio(row):
    return row["check_s"] / row["parse_s"] if row["parse_s"] > 0 else float("inf")


def print_table(rows):
    head = ("code base", "files", "findings", "TP", "TP-b", "FP", "none", "gone",
            "hazards", "check s", "parse s", "ratio", "peak MiB", "failed")
    fmt = "%-11s %5s %8s %4s %5s %4s %5s %5s %8s %8s %8s %6s %8s %6s"
    print(fmt % head)
    total = {k: 0 for k in ("files", "findings", "TP", "TP-benign", "FP", "none", "gone",
                            "hfound", "hall", "check_s", "parse_s", "failed")}
    peak = 0
    for r in rows:
        print(fmt % (r["name"], r["files"], r["findings"], r["TP"], r["TP-benign"], r["FP"],
                     len(r["none"]), r["gone"], "%d/%d" % r["hazards"], "%.2f" % r["check_s"],
                     "%.2f" % r["parse_s"], "%.2fx" % ratio(r), "%.0f" % (r["mem_kib"] / 1024),
                     len(r["failed"])))
        for k in ("files", "findings", "TP", "TP-benign", "FP", "gone", "check_s", "parse_s"):
            total[k] += r[k]
        total["none"] += len(r["none"])
        total["failed"] += len(r["failed"])
        total["hfound"] += r["hazards"][0]
        total["hall"] += r["hazards"][1]
        peak = max(peak, r["mem_kib"])
    t = total
    print(fmt % ("total", t["files"], t["findings"], t["TP"], t["TP-benign"], t["FP"], t["none"],
                 t["gone"], "%d/%d" % (t["hfound"], t["hall"]), "%.2f" % t["check_s"],
                 "%.2f" % t["parse_s"],
                 "%.2fx" % (t["check_s"] / t["parse_s"] if t["parse_s"] else float("inf")),
                 "%.0f" % (peak / 1024), t["failed"]))
    return total


def print_goals(rows, t):
    true = t["TP"] + t["TP-benign"]
    share = true / t["findings"] if t["findings"] else 1.0
    many_fp = [r["name"] for r in rows if r["FP"] > GOAL_FP_MAX]
    slow = [r["name"] for r in rows if ratio(r) > GOAL_RATIO_MAX]
    big = [r["name"] for r in rows if r["mem_kib"] >= GOAL_MEM_KIB]
    failed = [r["name"] for r in rows if r["failed"]]
    goals = [
        (share >= GOAL_TRUE_SHARE, "TP or TP-benign >= 90%% of findings: %d/%d = %.0f%%"
         % (true, t["findings"], 100 * share)),
        (not many_fp, "FP <= %d per code base%s" % (GOAL_FP_MAX, ": " + ", ".join(many_fp) if many_fp else "")),
        (t["hfound"] == t["hall"], "known hazards found: %d/%d" % (t["hfound"], t["hall"])),
        (not slow, "coffman-check <= %.1fx clang -fsyntax-only%s"
         % (GOAL_RATIO_MAX, ": " + ", ".join(slow) if slow else "")),
        (not big, "peak memory < 1 GiB%s" % (": " + ", ".join(big) if big else "")),
        (not failed, "no file fails to analyse%s" % (": " + ", ".join(failed) if failed else "")),
        (t["none"] == 0, "every finding has a verdict: %d without" % t["none"]),
    ]
    print("\ngoals (issue 11):")
    for good, text in goals:
        print("  %-4s %s" % (ok(good), text))
    if t["gone"]:
        print("  (%d verdicts match no finding any more: 'gone')" % t["gone"])
    return all(good for good, _ in goals)


def print_lists(rows):
    for title, key in (("known hazards missed", "missed"),
                       ("findings with no verdict (judge each, add it to scripts/realcode/NAME.verdicts)", "none")):
        items = [(r["name"], i) for r in rows for i in r[key]]
        if items:
            print("\n%s:" % title)
            for name, item in items:
                print("  %s: %s" % (name, item))
    if any(r["failed"] for r in rows):
        print("\nfiles that could not be analysed:")
    for r in rows:
        print_failed(r["name"], r["failed"])


def print_failed(name, failed, shown=3):
    """Each distinct message once, with its first few files: one cause often
    fails every file of a code base."""
    by_message = {}
    for item in failed:
        file, _, message = item.partition(": ")
        by_message.setdefault(message, []).append(file)
    for message, files in by_message.items():
        more = " and %d more" % (len(files) - shown) if len(files) > shown else ""
        print("  %s: %s%s: %s" % (name, ", ".join(files[:shown]), more, message))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rows = [score(sys.argv[1], r) for r in sys.argv[2:]]
    total = print_table(rows)
    good = print_goals(rows, total)
    print_lists(rows)
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
