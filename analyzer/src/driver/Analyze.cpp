#include "driver/Analyze.h"

#include "checks/Registry.h"
#include "driver/CompileDb.h"
#include "driver/Suppressions.h"
#include "facts/FactsAction.h"
#include "facts/FactsJson.h"
#include "program/Program.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

namespace coffman {
namespace driver {

using namespace clang;

namespace {
// Keeps the first error of a file, formatted like the compiler prints it.
class FirstError : public DiagnosticConsumer {
public:
  std::string message;
  void HandleDiagnostic(DiagnosticsEngine::Level level,
                        const Diagnostic &info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < DiagnosticsEngine::Error || !message.empty())
      return;
    llvm::SmallString<256> text;
    info.FormatDiagnostic(text);
    std::string where;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      PresumedLoc p =
          info.getSourceManager().getPresumedLoc(info.getLocation());
      if (p.isValid())
        where = std::string(p.getFilename()) + ":" +
                std::to_string(p.getLine()) + ":" +
                std::to_string(p.getColumn()) + ": ";
    }
    message = where + "error: " + std::string(text.str());
  }
};

bool runOne(const tooling::CompilationDatabase &db, const std::string &file,
            facts::TranslationUnit &out, FileError &err,
            const std::vector<std::pair<std::string, std::string>> &unsaved = {}) {
  // A private physical file system: each worker has its own working
  // directory instead of chdir()ing the whole process.
  tooling::ClangTool tool(db, {file},
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  tool.setPrintErrorMessage(false);
  std::vector<std::unique_ptr<llvm::MemoryBuffer>> contents;
  for (const auto &[path, from] : unsaved) {
    auto buf = llvm::MemoryBuffer::getFile(from);
    if (!buf) {
      err = {file, "cannot read unsaved contents " + from + ": " +
                       buf.getError().message()};
      return false;
    }
    tool.mapVirtualFile(path, (*buf)->getBuffer());
    contents.push_back(std::move(*buf));
  }
  tool.clearArgumentsAdjusters();
  tool.appendArgumentsAdjuster(commandAdjuster());
  FirstError diags;
  tool.setDiagnosticConsumer(&diags);
  bool got = false;
  auto factory = facts::makeFactsActionFactory(
      [&](facts::TranslationUnit &&tu) {
        out = std::move(tu);
        got = true;
      });
  int rc = tool.run(factory.get());
  if (rc == 0 && got && diags.message.empty())
    return true;
  err.file = file;
  err.message = !diags.message.empty() ? diags.message
                : db.getCompileCommands(file).empty()
                    ? "no compile command for this file"
                    : "could not be parsed";
  return false;
}
} // namespace

Collected collectFacts(const tooling::CompilationDatabase &db,
                       const std::vector<std::string> &files,
                       const CollectOptions &opts) {
  Collected result;
  std::mutex mu;
  std::atomic<size_t> next{0};
  size_t done = 0;
  auto worker = [&] {
    for (size_t i; (i = next++) < files.size();) {
      facts::TranslationUnit tu;
      FileError err;
      bool ok = runOne(db, files[i], tu, err, opts.unsaved);
      std::string writeErr;
      if (ok && !opts.factsDir.empty() &&
          !writeFactsFile(opts.factsDir, tu, writeErr))
        err = {files[i], writeErr};
      std::lock_guard<std::mutex> lock(mu);
      if (opts.progress)
        fprintf(stderr, "[%zu/%zu] %s\n", ++done, files.size(),
                files[i].c_str());
      if (ok)
        result.units.push_back(std::move(tu));
      if (!ok || !writeErr.empty())
        result.errors.push_back(std::move(err));
    }
  };
  unsigned n = std::max(1u, std::min<unsigned>(opts.jobs, files.size()));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < n; i++)
    pool.emplace_back(worker);
  worker();
  for (std::thread &t : pool)
    t.join();
  // Deterministic merge order whatever the scheduling.
  std::sort(result.units.begin(), result.units.end(),
            [](const facts::TranslationUnit &a,
               const facts::TranslationUnit &b) { return a.file < b.file; });
  return result;
}

bool factsForCommand(const std::vector<std::string> &args,
                     const std::string &file, const std::string &directory,
                     facts::TranslationUnit &out, FileError &error) {
  tooling::FixedCompilationDatabase db(
      directory, std::vector<std::string>(args.begin() + 1, args.end()));
  return runOne(db, file, out, error);
}

void loadFactsDir(const std::string &dir, Collected &into) {
  std::error_code ec;
  std::vector<std::string> paths;
  for (llvm::sys::fs::recursive_directory_iterator it(dir, ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".coffman.json"))
      paths.push_back(it->path());
  if (ec)
    into.errors.push_back({dir, "cannot read facts directory: " + ec.message()});
  std::sort(paths.begin(), paths.end());
  for (const std::string &p : paths) {
    auto buf = llvm::MemoryBuffer::getFile(p);
    facts::TranslationUnit tu;
    std::string err;
    if (!buf)
      err = buf.getError().message();
    else if (facts::fromJson((*buf)->getBuffer().str(), tu, err))
      into.units.push_back(std::move(tu));
    if (!err.empty())
      into.errors.push_back({p, err});
  }
}

bool writeFactsFile(const std::string &dir, const facts::TranslationUnit &tu,
                    std::string &error) {
  std::error_code ec = llvm::sys::fs::create_directories(dir);
  if (ec) {
    error = "cannot create " + dir + ": " + ec.message();
    return false;
  }
  // Unique per source path, readable by its basename.
  std::string base = llvm::sys::path::filename(tu.file).str();
  char hash[20];
  snprintf(hash, sizeof hash, "%016llx",
           static_cast<unsigned long long>(std::hash<std::string>()(tu.file)));
  llvm::SmallString<256> path(dir);
  llvm::sys::path::append(path, base + "." + hash + ".coffman.json");
  llvm::raw_fd_ostream os(path, ec);
  if (ec) {
    error = "cannot write " + std::string(path.str()) + ": " + ec.message();
    return false;
  }
  os << facts::toJson(tu) << "\n";
  return true;
}

std::vector<checks::Finding>
analyzeFacts(std::vector<facts::TranslationUnit> units,
             const CheckFilter &filter) {
  program::Program program(std::move(units));
  if (program.summaries().precisionCut())
    fprintf(stderr, "coffman-check: note: this program's lock summaries "
                    "passed their size limit, so lock orders through the "
                    "deepest call paths were not all followed and some "
                    "findings may be missed; analyse fewer files at once "
                    "(e.g. one program of the database) for full "
                    "precision\n");
  std::vector<checks::Finding> findings = checks::runChecks(
      program, [&](coffman_kind k) { return filter.enabled(k); });
  removeSuppressed(findings);
  return findings;
}

} // namespace driver
} // namespace coffman
