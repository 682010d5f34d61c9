#!/usr/bin/env python3
"""Tests of scripts/bench-realcode's scoring (report.py) and parse baseline
(parse_commands.py) on small fixtures; no code base is fetched."""
import io
import json
import os
import subprocess
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import parse_commands  # noqa: E402
import report  # noqa: E402


def finding(kind, file, line, notes=()):
    return {"kind": kind, "message": "%s at %d" % (kind, line),
            "location": {"file": file, "line": line},
            "notes": [{"message": "n", "location": {"file": f, "line": l}} for f, l in notes]}


class Fixture:
    """A recipes dir and one result dir named `demo`."""

    def __init__(self, findings, verdicts="", hazards="", errors=()):
        self.tmp = tempfile.TemporaryDirectory()
        root = self.tmp.name
        self.recipes = os.path.join(root, "recipes")
        self.src = os.path.join(root, "src")
        self.result = os.path.join(root, "results", "demo")
        for d in (self.recipes, self.src, self.result):
            os.makedirs(d)
        self.write(self.recipes, "demo.verdicts", verdicts)
        if hazards:
            self.write(self.recipes, "demo.hazards", hazards)
        doc = {"findings": [dict(f, location=dict(f["location"], file=os.path.join(self.src, f["location"]["file"])),
                                 notes=[dict(n, location=dict(n["location"], file=os.path.join(self.src, n["location"]["file"])))
                                        for n in f["notes"]])
                            for f in findings],
               "errors": [{"file": os.path.join(self.src, f), "message": m} for f, m in errors]}
        self.write(self.result, "findings.json", json.dumps(doc))
        self.write(self.result, "src", self.src + "\n")
        self.write(self.result, "check.time", "3.0\n")
        self.write(self.result, "parse.time", "2.0\n")
        self.write(self.result, "check.mem", "204800\n")
        self.write(self.result, "parse.cmds", "cd / && a\ncd / && b\n")

    @staticmethod
    def write(d, name, text):
        with open(os.path.join(d, name), "w") as f:
            f.write(text)

    def run(self):
        out = io.StringIO()
        with redirect_stdout(out):
            try:
                report.sys.argv = ["report.py", self.recipes, self.result]
                report.main()
                code = 0
            except SystemExit as e:
                code = e.code
        return code, out.getvalue()


class ReportTest(unittest.TestCase):
    def fixture(self, *args, **kwargs):
        fx = Fixture(*args, **kwargs)
        self.addCleanup(fx.tmp.cleanup)
        return fx

    def test_counts_each_verdict_hazard_and_gone(self):
        fx = self.fixture(
            [finding("lock-leak", "a.c", 10),
             finding("blocking-while-locked", "a.c", 20),
             finding("blocking-while-locked", "a.c", 20),
             finding("self-deadlock", "b.c", 5, notes=[("lib/p.c", 132)]),
             finding("deadlock", "c.c", 7)],
            verdicts="# comment\nlock-leak a.c:10 TP real\n"
                     "blocking-while-locked a.c:20 FP non-blocking fd\n"
                     "thread-leak z.c:1 FP a finding that is gone\n",
            hazards="self-deadlock lib/p.c:132 relock through a callback\n"
                    "blocking-while-locked n.c:9 getaddrinfo under a lock\n")
        fx.write(fx.result, "check.time", "3.1\n")  # 1.55x the parse time
        row = report.score(fx.recipes, fx.result)
        self.assertEqual(row["findings"], 5)
        self.assertEqual((row["TP"], row["TP-benign"], row["FP"]), (2, 0, 2))
        self.assertEqual(row["none"], ["c.c:7: deadlock: deadlock at 7"])
        self.assertEqual(row["gone"], 1)
        self.assertEqual(row["hazards"], (1, 2))
        self.assertEqual(len(row["missed"]), 1)
        self.assertEqual((row["files"], row["mem_kib"]), (2, 204800))
        code, out = fx.run()
        self.assertEqual(code, 1)
        self.assertIn("MISS every finding has a verdict: 1 without", out)
        self.assertIn("MISS known hazards found: 1/2", out)
        self.assertIn("MISS coffman-check <= 1.5x clang -fsyntax-only: demo", out)
        self.assertIn("demo: c.c:7: deadlock: deadlock at 7", out)

    def test_all_goals_met_exits_zero(self):
        fx = self.fixture([finding("lock-leak", "a.c", 10)], verdicts="lock-leak a.c:10 TP-benign bounded\n")
        fx.write(fx.result, "check.time", "1.0\n")
        code, out = fx.run()
        self.assertEqual(code, 0, out)
        self.assertNotIn("MISS", out)

    def test_failed_files_are_grouped_by_message(self):
        fx = self.fixture([], errors=[("f%d.c" % i, "error: unknown argument: '-cc1'") for i in range(5)])
        code, out = fx.run()
        self.assertEqual(code, 1)
        self.assertIn("demo: f0.c, f1.c, f2.c and 2 more: error: unknown argument: '-cc1'", out)

    def test_missing_report_is_a_failed_run(self):
        fx = self.fixture([])
        os.remove(os.path.join(fx.result, "findings.json"))
        fx.write(fx.result, "check.rc", "139\n")
        row = report.score(fx.recipes, fx.result)
        self.assertEqual(len(row["failed"]), 1)
        self.assertIn("exited 139", row["failed"][0])

    def test_bad_verdict_line_names_file_and_line(self):
        fx = self.fixture([], verdicts="lock-leak a.c:10 MAYBE unsure\n")
        with self.assertRaises(SystemExit) as e:
            report.score(fx.recipes, fx.result)
        self.assertIn("demo.verdicts:1: expected", str(e.exception.code))


class ParseCommandsTest(unittest.TestCase):
    def test_skips_cc1_and_duplicates_and_drops_output_flags(self):
        db = [
            {"directory": "/d", "file": "/d/a.c", "arguments": ["cc", "-c", "-O2", "-DX", "-o", "a.o", "a.c"]},
            {"directory": "/d", "file": "/d/a.c", "arguments": ["clang-19", "-cc1", "-triple", "x", "a.c"]},
            {"directory": "/d", "file": "/d/a.c", "command": "cc -c -O2 -DX -o a.o a.c"},
            {"directory": "/d", "file": "/d/a.c", "arguments": ["cc", "-c", "-DY", "a.c"]},
            {"directory": "/d", "file": "/d/s.S", "arguments": ["cc", "-c", "s.S"]},
        ]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(db, f)
        try:
            out = subprocess.run([sys.executable, os.path.join(HERE, "parse_commands.py"), f.name, "clang-19"],
                                 capture_output=True, text=True, check=True).stdout.splitlines()
        finally:
            os.unlink(f.name)
        self.assertEqual(out, ["cd /d && clang-19 -fsyntax-only -w -O2 -DX /d/a.c",
                               "cd /d && clang-19 -fsyntax-only -w -DY /d/a.c"])

    def test_cc1_entry_gives_no_line(self):
        entry = {"directory": "/d", "file": "/d/a.c", "arguments": ["clang", "-cc1", "a.c"]}
        self.assertIsNone(parse_commands.parse_line(entry, "clang-19"))


if __name__ == "__main__":
    unittest.main()
