#!/usr/bin/env python3
"""Prints one shell line per C file of a compile database: the file parsed by
clang alone (`cd DIR && clang-19 -fsyntax-only -w FLAGS FILE`), the baseline
coffman-check is timed against.  Entries that are an internal `clang -cc1`
invocation (bear records those too) and exact duplicates are skipped: the
compiler driver parses each configuration of a file once.

usage: parse_commands.py compile_commands.json CLANG
"""
import json
import os
import shlex
import sys

DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP = {"-c", "-MD", "-MMD", "-MP", "-pipe"}


def parse_line(entry, clang):
    args = entry.get("arguments") or shlex.split(entry["command"])
    if "-cc1" in args:
        return None
    directory, source = entry["directory"], entry["file"]
    if not source.endswith(".c"):
        return None
    here = os.path.normpath(os.path.join(directory, source))
    out, skip = [clang, "-fsyntax-only", "-w"], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in DROP_WITH_VALUE:
            skip = True
            continue
        if a in DROP or os.path.normpath(os.path.join(directory, a)) == here:
            continue
        out.append(a)
    out.append(here)
    return "cd %s && %s" % (shlex.quote(directory), " ".join(map(shlex.quote, out)))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    seen = set()
    for entry in json.load(open(sys.argv[1])):
        line = parse_line(entry, sys.argv[2])
        if line and line not in seen:
            seen.add(line)
            print(line)


if __name__ == "__main__":
    main()
