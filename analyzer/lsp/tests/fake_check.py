#!/usr/bin/env python3
"""A stand-in for coffman-check, called as the proxy calls the real one:
--format=json -pDB --unsaved=FILE=TEMP [--merge=DIR] FILE.  It reads the
buffer from TEMP and reports under FILE's name.  FAKE_CHECK_MODE picks the
outcome; FAKE_CHECK_LOG records each run's start (with its arguments) and
end, so a test can see that a stale run was killed."""
import json
import os
import sys
import time

args = sys.argv[1:]
assert args[0] == "--format=json" and args[1].startswith("-p"), args
assert os.path.exists(os.path.join(args[1][2:], "compile_commands.json")), args
file, temp = args[2][len("--unsaved="):].rsplit("=", 1)
assert args[-1] == file, args
mode = os.environ.get("FAKE_CHECK_MODE", "findings")
log = os.environ.get("FAKE_CHECK_LOG")
text = open(temp).read()


def note(what):
    if log:
        with open(log, "a") as f:
            f.write("%s\t%d\t%s\t%s\n" % (what, os.getpid(), json.dumps(text), json.dumps(args)))


note("start")
if mode == "slow":
    time.sleep(float(os.environ.get("FAKE_CHECK_SLEEP", "3")))
if mode == "fail":
    sys.stderr.write("%s:3:1: error: expected ';' after expression\n" % file)
    print(json.dumps({"version": 1, "tool": "coffman-check", "findings": []}))
    note("end")
    sys.exit(2)
if mode == "crash":
    os.kill(os.getpid(), 11)
findings = []
# One finding per line that says LOCK, so edits visibly change the result.
for i, line in enumerate(text.split("\n")):
    if "LOCK" in line:
        findings.append({
            "kind": "lock-order-inversion", "check": "coffman-lock-order-inversion",
            "severity": "warning", "message": "lock order inversion at %s:%d" % (file, i + 1),
            "location": {"file": file, "line": i + 1, "column": line.index("LOCK") + 1},
            "notes": [{"message": "holding a.mu", "location": {"file": file, "line": 1, "column": 1}}],
            "conditions": {"circular_wait": "a.mu -> b.mu -> a.mu"}, "fix": "lock in one order"})
print(json.dumps({"version": 1, "tool": "coffman-check", "findings": findings}))
note("end")
sys.exit(1 if findings else 0)
