#include "facts/GateFacts.h"

#include "facts/ExprPaths.h"
#include "facts/LockApi.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <memory>

namespace coffman {
namespace facts {

using namespace clang;

namespace {

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &ctx, SourceNames &names, TranslationUnit &tu)
      : ctx_(ctx), names_(names), tu_(tu) {}

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    if (!SourceNames::analysedBody(fd, ctx_.getSourceManager()))
      return true;
    paths_ = std::make_unique<ExprPaths>(ctx_, names_, fd);
    RecursiveASTVisitor::TraverseFunctionDecl(fd);
    paths_.reset();
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *cs) {
    if (!paths_)
      return true;
    const Stmt *prev = nullptr;
    for (const Stmt *s : cs->body()) {
      Path a, b;
      if (prev && lockCall(prev, EventKind::Lock, a) &&
          lockCall(s, EventKind::Unlock, b) && a == b)
        tu_.passThroughLocks.push_back(a);
      prev = s;
    }
    return true;
  }

private:
  // A blocking lock (or an unlock) of a known lock, as a whole statement.
  bool lockCall(const Stmt *s, EventKind kind, Path &lock) {
    const auto *e = dyn_cast<Expr>(s);
    const auto *call = e ? dyn_cast<CallExpr>(e->IgnoreParenCasts()) : nullptr;
    if (!call || call->getNumArgs() < 1 || !call->getDirectCallee() ||
        !call->getDirectCallee()->getIdentifier())
      return false;
    const ApiInfo *api =
        lookupApi(call->getDirectCallee()->getName().str());
    if (!api || api->kind != kind ||
        (kind == EventKind::Lock && api->mode != AcquireMode::Blocking))
      return false;
    lock = paths_->pointee(call->getArg(0));
    return lock.known();
  }

  ASTContext &ctx_;
  SourceNames &names_;
  TranslationUnit &tu_;
  std::unique_ptr<ExprPaths> paths_;
};

} // namespace

void collectGateFacts(ASTContext &ctx, SourceNames &names,
                      TranslationUnit &tu) {
  Collector c(ctx, names, tu);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace facts
} // namespace coffman
