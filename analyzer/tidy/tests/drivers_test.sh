#!/usr/bin/env bash
# The clang-tidy module under CMake's CMAKE_C_CLANG_TIDY (warnings during
# the build) and under run-clang-tidy (over compile_commands.json): both
# must show printsum's lock-order inversion with its check name.
set -euo pipefail
cmake=$1 tidy=$2 run_tidy=$3 module=$4 src=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src" "$tmp/printsum.c"
cat >"$tmp/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(tidyprobe C)
find_package(Threads REQUIRED)
add_executable(printsum printsum.c)
target_link_libraries(printsum Threads::Threads)
CMAKE
want='warning: .*\[coffman-lock-order-inversion\]'
"$cmake" -S "$tmp" -B "$tmp/build" -DCMAKE_C_COMPILER=clang-19 \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  "-DCMAKE_C_CLANG_TIDY=$tidy;--load=$module;-checks=-*,coffman-*" >"$tmp/configure.log"
"$cmake" --build "$tmp/build" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
grep -q "$want" "$tmp/build.log" || { echo "FAIL: CMAKE_C_CLANG_TIDY showed no inversion"; cat "$tmp/build.log"; exit 1; }
echo "ok   CMAKE_C_CLANG_TIDY: $(grep -c "$want" "$tmp/build.log") inversion warning(s)"
"$run_tidy" -clang-tidy-binary "$tidy" -load "$module" -checks='-*,coffman-*' \
  -p "$tmp/build" >"$tmp/run.log" 2>&1 || true
grep -q "$want" "$tmp/run.log" || { echo "FAIL: run-clang-tidy showed no inversion"; cat "$tmp/run.log"; exit 1; }
echo "ok   run-clang-tidy: $(grep -c "$want" "$tmp/run.log") inversion warning(s)"
