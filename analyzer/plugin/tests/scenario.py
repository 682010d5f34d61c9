#!/usr/bin/env python3
"""Checks one testcase (docs/testcases.md) through coffman's build
integrations.  The inline `// coffman-expect:` markers are the truth:

  plugin  compile every file with clang-19 -fplugin: the compile succeeds,
          each object file gets its facts file beside it, a single-file
          program's warnings equal its markers (a file of a multi-file
          program warns about a subset), and `coffman-check --merge` over
          the facts equals the markers of the whole program.
  tidy    clang-tidy-19 --load=libcoffman-tidy.so -checks='-*,coffman-*'
          on each file equals the markers; a multi-file program first gets
          its facts from the plugin and passes them as the FactsDir option.

usage: scenario.py plugin|tidy --lib DIR [--include DIR] --clang C --plugin SO
                   [--check BIN] [--tidy BIN --module SO] -- SOURCES...
Exit: 0 pass, 1 fail, 77 skip (a tool is not built)."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

DIAG = re.compile(r"^(.+?):(\d+):\d+: (warning|error): .*\[coffman-([a-z-]+)(?:,[^\]]*)?\]$")
MARK = re.compile(r"//\s*coffman-expect:\s*([a-z, -]+)")


def markers(sources):
    want = set()
    for src in sources:
        with open(src) as f:
            for n, line in enumerate(f, 1):
                m = MARK.search(line)
                if m:
                    for kind in m.group(1).split(","):
                        if kind.strip():
                            want.add((os.path.realpath(src), n, kind.strip()))
    return want


def reported(output):
    got = set()
    for line in output.splitlines():
        m = DIAG.match(line.strip())
        if m:
            got.add((os.path.realpath(m.group(1)), int(m.group(2)), m.group(4)))
    return got


def show(s):
    return "\n".join("  %s:%d: %s" % (os.path.basename(f), l, k) for f, l, k in sorted(s)) or "  (none)"


def compare(what, got, want, subset=False):
    missing = set() if subset else want - got
    extra = got - want
    if missing or extra:
        print("FAIL %s\nmissing:\n%s\nunexpected:\n%s" % (what, show(missing), show(extra)))
        return False
    print("ok   %s: %d finding(s)\n%s" % (what, len(got), show(got)))
    return True


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kw)
    return p.returncode, p.stdout + p.stderr


def static_skip(sources):
    """`static=skip` in a coffman-runtime header: not a static testcase."""
    with open(sources[0]) as f:
        for line in f:
            if "coffman-runtime:" in line and "static=skip" in line:
                return line.split("why=")[-1].strip() if "why=" in line else "static=skip"
    return None


def needs_rest_of_program(sources):
    """A program of several files, or one using the testcase library, is
    not whole in one TU: its other parts come from facts."""
    if len(sources) > 1:
        return True
    with open(sources[0]) as f:
        return "channel.h" in f.read()


def flags(a):
    extra = [f for d in a.include for f in ("-I", d)]
    return ["-std=c11", "-g", "-O0", "-I", a.lib, *extra, "-pthread"]


def plugin_compile(a, src, obj, extra=()):
    return run([a.clang, *flags(a), "-fplugin=" + a.plugin, *extra, "-c", src, "-o", obj])


def check_plugin(a, tmp):
    ok = True
    sources = [os.path.realpath(s) for s in a.sources]
    want = markers(sources)
    lib_c = os.path.join(a.lib, "channel.c")
    for i, src in enumerate(sources + [lib_c]):
        obj = os.path.join(tmp, "%d-%s.o" % (i, os.path.basename(src)[:-2]))
        rc, out = plugin_compile(a, src, obj)
        if rc != 0 or not os.path.exists(obj):
            print("FAIL compile %s with the plugin (exit %d):\n%s" % (src, rc, out))
            return False
        facts = obj + ".coffman.json"
        try:
            with open(facts) as f:
                json.load(f)
        except (OSError, ValueError) as e:
            print("FAIL facts file %s: %s" % (facts, e))
            return False
        if src == lib_c:
            continue
        mine = {w for w in want if w[0] == src}
        ok &= compare("plugin warnings for " + os.path.basename(src), reported(out),
                      mine, subset=needs_rest_of_program(sources))
    merge = subprocess.run([a.check, "--merge", tmp, "--format=json"],
                           capture_output=True, text=True, timeout=300)
    rc = merge.returncode
    try:
        doc = json.loads(merge.stdout)
    except ValueError:
        print("FAIL coffman-check --merge printed no JSON (exit %d):\n%s%s"
              % (rc, merge.stdout, merge.stderr))
        return False
    got = {(os.path.realpath(f["location"]["file"]), f["location"]["line"], f["kind"])
           for f in doc["findings"] if os.path.realpath(f["location"]["file"]) in sources}
    ok &= compare("coffman-check --merge", got, want)
    if rc != (1 if want else 0):
        print("FAIL coffman-check --merge exited %d" % rc)
        ok = False
    return ok


def check_tidy(a, tmp):
    sources = [os.path.realpath(s) for s in a.sources]
    want = markers(sources)
    config = []
    if needs_rest_of_program(sources):
        # The rest of the program comes from the plugin's facts.
        facts = os.path.join(tmp, "facts")
        for src in sources + [os.path.join(a.lib, "channel.c")]:
            rc, out = run([a.clang, *flags(a), "-fplugin=" + a.plugin,
                           "-fplugin-arg-coffman-facts-dir=" + facts,
                           "-fplugin-arg-coffman-no-warnings", "-fsyntax-only", src])
            if rc != 0:
                print("FAIL facts for %s (exit %d):\n%s" % (src, rc, out))
                return False
        config = ["-config={CheckOptions: {FactsDir: '%s'}}" % facts]
    got = set()
    for src in sources:
        rc, out = run([a.tidy, "--load=" + a.module, "-checks=-*,coffman-*", *config,
                       src, "--", *flags(a)])
        if rc != 0:
            print("FAIL clang-tidy exited %d on %s:\n%s" % (rc, src, out))
            return False
        got |= reported(out)
    return compare("clang-tidy", got, want)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["plugin", "tidy"])
    p.add_argument("--lib", required=True)
    p.add_argument("--include", action="append", default=[],
                   help="another include directory of the testcases")
    p.add_argument("--clang", required=True)
    p.add_argument("--plugin", required=True)
    p.add_argument("--check")
    p.add_argument("--tidy")
    p.add_argument("--module")
    p.add_argument("sources", nargs="+")
    a = p.parse_args()
    needed = [a.plugin] + ([a.check] if a.mode == "plugin" else [a.module])
    for f in needed:
        if not f or not os.path.exists(f):
            print("skip: %s not built" % f)
            sys.exit(77)
    why = static_skip(a.sources)
    if why:
        print("skip: static=skip (%s)" % why)
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        ok = check_plugin(a, tmp) if a.mode == "plugin" else check_tidy(a, tmp)
    sys.exit(0 if ok else 1)


main()
