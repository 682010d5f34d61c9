// coffman-check: thin command-line front end over driver/Analyze.h.
#include "driver/Analyze.h"
#include "driver/CompileDb.h"
#include "driver/Options.h"
#include "driver/Output.h"

#include "llvm/Config/llvm-config.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unistd.h>

using namespace coffman::driver;

static int writeReport(const Options &o, const std::string &text) {
  FILE *out = o.output.empty() ? stdout : fopen(o.output.c_str(), "w");
  if (!out) {
    fprintf(stderr, "coffman-check: cannot write %s\n", o.output.c_str());
    return 2;
  }
  fwrite(text.data(), 1, text.size(), out);
  if (out != stdout)
    fclose(out);
  return 0;
}

int main(int argc, char **argv) {
  Options o;
  std::string error;
  if (!parseOptions(argc, argv, o, error)) {
    fprintf(stderr, "coffman-check: %s\n", error.c_str());
    return 2;
  }
  if (o.help) {
    fputs(usageText(), stdout);
    return 0;
  }
  if (o.version) {
    printf("coffman-check %s (LLVM %d)\n", COFFMAN_VERSION, LLVM_VERSION_MAJOR);
    return 0;
  }
  Collected got;
  if (!o.mergeDir.empty())
    loadFactsDir(o.mergeDir, got);
  if (!o.buildDir.empty()) {
    auto db = loadCompileDb(o.buildDir, error);
    if (!db) {
      fprintf(stderr, "coffman-check: %s\n", error.c_str());
      return 2;
    }
    CollectOptions co;
    co.jobs = o.jobs;
    co.progress = isatty(STDERR_FILENO);
    co.factsDir = o.factsDir;
    co.unsaved = o.unsaved;
    Collected parsed = collectFacts(*db, selectFiles(*db, o.files), co);
    // A file both merged and parsed again: its fresh facts replace the
    // stale ones (an edited file over the build's facts).
    std::set<std::string> fresh;
    for (const auto &u : parsed.units)
      fresh.insert(u.file);
    got.units.erase(std::remove_if(got.units.begin(), got.units.end(),
                                   [&](const coffman::facts::TranslationUnit &u) {
                                     return fresh.count(u.file) != 0;
                                   }),
                    got.units.end());
    for (auto &u : parsed.units)
      got.units.push_back(std::move(u));
    for (auto &e : parsed.errors)
      got.errors.push_back(std::move(e));
  }
  std::vector<coffman::checks::Finding> findings =
      analyzeFacts(std::move(got.units), CheckFilter(o.checks));
  bool color = o.color == "always" ||
               (o.color == "auto" && o.output.empty() && isatty(STDOUT_FILENO));
  if (o.format != Format::Json)
    for (const FileError &e : got.errors)
      fprintf(stderr, "%s: error: could not analyse: %s\n", e.file.c_str(),
              e.message.c_str());
  std::string report = render(findings, o.format == Format::Json
                                            ? got.errors
                                            : std::vector<FileError>(),
                              o.format, color);
  if (writeReport(o, report) != 0 || !got.errors.empty())
    return 2;
  return findings.empty() || o.exitZero ? 0 : 1;
}
