#include "facts/FactsAction.h"

#include "facts/FactsBuilder.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"

namespace coffman {
namespace facts {

namespace {
class Consumer : public clang::ASTConsumer {
public:
  explicit Consumer(FactsSink sink) : sink_(std::move(sink)) {}
  void HandleTranslationUnit(clang::ASTContext &ctx) override {
    // A TU with errors has an incomplete AST: its facts would be guesses.
    if (ctx.getDiagnostics().hasErrorOccurred())
      return;
    sink_(buildFacts(ctx));
  }

private:
  FactsSink sink_;
};

class Action : public clang::ASTFrontendAction {
public:
  explicit Action(FactsSink sink) : sink_(std::move(sink)) {}
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return makeFactsConsumer(sink_);
  }

private:
  FactsSink sink_;
};

class Factory : public clang::tooling::FrontendActionFactory {
public:
  explicit Factory(FactsSink sink) : sink_(std::move(sink)) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(sink_);
  }

private:
  FactsSink sink_;
};
} // namespace

std::unique_ptr<clang::ASTConsumer> makeFactsConsumer(FactsSink sink) {
  return std::make_unique<Consumer>(std::move(sink));
}

std::unique_ptr<clang::tooling::FrontendActionFactory>
makeFactsActionFactory(FactsSink sink) {
  return std::make_unique<Factory>(std::move(sink));
}

} // namespace facts
} // namespace coffman
