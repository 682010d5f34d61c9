#include "driver/Options.h"

#include <cstdlib>
#include <cstring>

namespace coffman {
namespace driver {

const char *usageText() {
  return R"(usage: coffman-check -p BUILD_DIR [options] [FILES...]
       coffman-check --merge FACTS_DIR [options]

Finds deadlocks, lock-order inversions and thread misuse in C programs
using pthreads or C11 threads, before they run.  Reads BUILD_DIR's
compile_commands.json (CMake or bear), analyses FILES (default: every C file
in it) and the whole program across them.

options:
  -p DIR              build directory holding compile_commands.json
  -j N                analyse N files in parallel (default 1)
  --format=FMT        text (default, compiler style), json or sarif
  -o FILE             write the report to FILE instead of stdout
  --checks=GLOBS      enable/disable checks, clang-tidy style, e.g.
                      '-*,coffman-lock-order-*' (default 'coffman-*')
  --exit-zero         exit 0 even when findings are reported
  --facts-dir=DIR     also write each file's facts (*.coffman.json) to DIR
  --merge=DIR         analyse facts files under DIR (from --facts-dir or the
                      compiler plugin) without parsing any C
  --color=WHEN        auto (default), always or never
  --unsaved=FILE=TMP  analyse TMP's contents as FILE (an editor's unsaved
                      buffer; FILE keeps its compile command and name)
  --version           print the version
  --help              this text

Suppress one finding with // NOLINT(coffman-lock-order-inversion) on its
line or // NOLINTNEXTLINE(coffman-...) on the line before.

exit status: 0 no findings, 1 findings reported, 2 something could not be
analysed (a file that does not compile is named with the compiler's error;
the other files are still analysed) or a bad command line.
)";
}

// Accepts "--opt=V", "--opt V", and for short options "-pV", "-p V".
static bool value(int argc, char **argv, int &i, const char *name,
                  std::string &out) {
  const char *a = argv[i];
  size_t n = strlen(name);
  if (strncmp(a, name, n) != 0)
    return false;
  if (a[n] == '=' ) {
    out = a + n + 1;
    return true;
  }
  if (a[n] == '\0' && i + 1 < argc) {
    out = argv[++i];
    return true;
  }
  if (a[n] != '\0' && name[1] != '-') { // -pDIR, -j4
    out = a + n;
    return true;
  }
  return false;
}

bool parseOptions(int argc, char **argv, Options &o, std::string &error) {
  bool filesOnly = false;
  for (int i = 1; i < argc; i++) {
    std::string a = argv[i], v;
    if (filesOnly || a.empty() || a[0] != '-') {
      o.files.push_back(a);
    } else if (a == "--") {
      filesOnly = true;
    } else if (a == "--help" || a == "-h") {
      o.help = true;
    } else if (a == "--version") {
      o.version = true;
    } else if (a == "--exit-zero") {
      o.exitZero = true;
    } else if (value(argc, argv, i, "--format", v)) {
      if (v == "text")
        o.format = Format::Text;
      else if (v == "json")
        o.format = Format::Json;
      else if (v == "sarif")
        o.format = Format::Sarif;
      else
        return error = "unknown format '" + v + "' (text, json, sarif)", false;
    } else if (value(argc, argv, i, "--checks", v)) {
      o.checks = v;
    } else if (value(argc, argv, i, "--merge", v)) {
      o.mergeDir = v;
    } else if (value(argc, argv, i, "--facts-dir", v)) {
      o.factsDir = v;
    } else if (value(argc, argv, i, "--unsaved", v)) {
      // Split at the last '=': the contents path is the caller's temp file.
      size_t eq = v.rfind('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == v.size())
        return error = "--unsaved needs FILE=CONTENTS, got '" + v + "'", false;
      o.unsaved.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (value(argc, argv, i, "--color", v)) {
      o.color = v;
    } else if (value(argc, argv, i, "-p", v)) {
      o.buildDir = v;
    } else if (value(argc, argv, i, "-o", v)) {
      o.output = v;
    } else if (value(argc, argv, i, "-j", v)) {
      char *end = nullptr;
      long n = strtol(v.c_str(), &end, 10);
      if (!end || *end || n < 1 || n > 1024)
        return error = "-j needs a positive number, got '" + v + "'", false;
      o.jobs = static_cast<unsigned>(n);
    } else {
      return error = "unknown option '" + a + "' (see --help)", false;
    }
  }
  if (!o.help && !o.version && o.buildDir.empty() && o.mergeDir.empty())
    return error = "give -p BUILD_DIR or --merge DIR (see --help)", false;
  return true;
}

} // namespace driver
} // namespace coffman
