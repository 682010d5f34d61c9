// clang-19 -fplugin=libcoffman-plugin.so: coffman's warnings during the
// normal compile, and the TU's facts written beside its object file for
// `coffman-check --merge`.  Runs after the main action, so code generation
// is untouched and the object file is produced as usual.
//
// Arguments (-fplugin-arg-coffman-ARG):
//   facts-dir=DIR   write facts into DIR instead of beside the object file
//   merge-dir=DIR   also read the facts of the rest of the program from DIR,
//                   for warnings whose halves are in other files
//   no-warnings     only write facts
#include "DiagnosticEmitter.h"
#include "FactsFiles.h"
#include "TuFindings.h"

#include "facts/FactsBuilder.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

namespace coffman {
namespace integration {
namespace {

struct PluginOptions {
  std::string factsDir;
  std::string mergeDir;
  bool warnings = true;
};

class Consumer : public clang::ASTConsumer {
public:
  Consumer(clang::CompilerInstance &ci, PluginOptions opts)
      : ci_(ci), opts_(std::move(opts)) {}

  void HandleTranslationUnit(clang::ASTContext &ctx) override {
    // An AST with errors is incomplete; the compile fails anyway.
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    facts::TranslationUnit tu = facts::buildFacts(ctx);
    saveFacts(tu);
    if (opts_.warnings)
      warn(ctx, tu);
  }

private:
  void saveFacts(const facts::TranslationUnit &tu) {
    std::string path, error;
    if (!writeTuFacts(tu, ci_.getFrontendOpts().OutputFile, opts_.factsDir,
                      path, error))
      reportProblem("coffman facts: " + error);
  }

  void warn(clang::ASTContext &ctx, const facts::TranslationUnit &tu) {
    std::vector<facts::TranslationUnit> others;
    if (!opts_.mergeDir.empty()) {
      std::vector<std::string> errors;
      others = readOtherFacts(opts_.mergeDir, tu.file, errors);
      for (const std::string &e : errors)
        reportProblem("ignoring coffman facts " + e);
    }
    DiagnosticEmitter emit(ctx.getSourceManager(), ci_.getDiagnostics());
    for (const TuFinding &f :
         analyzeTu(tu, others, tuIsWholeProgram(ctx), emit.inTuFn()))
      emit.emit(f);
  }

  void reportProblem(const std::string &what) {
    clang::DiagnosticsEngine &d = ci_.getDiagnostics();
    d.Report(d.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0")) << what;
  }

  clang::CompilerInstance &ci_;
  PluginOptions opts_;
};

class Action : public clang::PluginASTAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &ci, llvm::StringRef) override {
    return std::make_unique<Consumer>(ci, opts_);
  }

  bool ParseArgs(const clang::CompilerInstance &ci,
                 const std::vector<std::string> &args) override {
    for (const std::string &a : args) {
      llvm::StringRef arg(a);
      if (arg.consume_front("facts-dir="))
        opts_.factsDir = arg.str();
      else if (arg.consume_front("merge-dir="))
        opts_.mergeDir = arg.str();
      else if (arg == "no-warnings")
        opts_.warnings = false;
      else {
        clang::DiagnosticsEngine &d = ci.getDiagnostics();
        d.Report(d.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                   "coffman plugin: unknown argument '%0' "
                                   "(expected facts-dir=DIR, merge-dir=DIR, "
                                   "no-warnings)"))
            << a;
        return false;
      }
    }
    return true;
  }

  // After the main action: the compile and its object file stay as they are.
  ActionType getActionType() override { return AddAfterMainAction; }

private:
  PluginOptions opts_;
};

} // namespace
} // namespace integration
} // namespace coffman

static clang::FrontendPluginRegistry::Add<coffman::integration::Action>
    Registration("coffman", "coffman deadlock and thread-leak analysis");
