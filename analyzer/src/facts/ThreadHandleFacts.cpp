// A local pthread_t that is returned, copied, stored or handed to a
// function we do not model may be joined by someone else: the thread-leak
// check must not claim it leaks.  Only the pthread and C11 thread calls are
// known not to keep a handle (join, detach, cancel, ...), so any other use
// of the value counts as an escape.
#include "facts/ThreadHandleFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <map>
#include <set>

namespace coffman {
namespace facts {

using namespace clang;

namespace {

bool isHandleType(QualType t) {
  while (const auto *at = dyn_cast<ArrayType>(t.getTypePtr()))
    t = at->getElementType();
  std::string s = t.getUnqualifiedType().getAsString();
  return s == "pthread_t" || s == "thrd_t";
}

bool isThreadApi(const CallExpr *call) {
  const FunctionDecl *fd = call->getDirectCallee();
  if (!fd || !fd->getIdentifier())
    return false;
  llvm::StringRef n = fd->getName();
  return n.starts_with("pthread_") || n.starts_with("thrd_");
}

class HandleScan : public RecursiveASTVisitor<HandleScan> {
public:

  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *callee = call->getDirectCallee();
    if (callee && callee->getIdentifier() &&
        callee->getName() == "pthread_testcancel")
      testCancel = true;
    if (isThreadApi(call))
      return true;
    for (const Expr *a : call->arguments())
      markRefs(a);
    return true;
  }
  bool VisitReturnStmt(ReturnStmt *r) {
    if (r->getRetValue())
      markRefs(r->getRetValue());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (bo->getOpcode() == BO_Assign)
      markRefs(bo->getRHS());
    return true;
  }
  bool VisitVarDecl(VarDecl *vd) {
    if (vd->hasInit() && !isa<ParmVarDecl>(vd))
      markRefs(vd->getInit());
    return true;
  }

  std::set<const VarDecl *> escaped;
  bool testCancel = false;

private:
  // Every handle variable mentioned in `e` (by value or by address) escapes;
  // calls inside `e` are visited on their own.
  void markRefs(const Expr *e) {
    struct Refs : RecursiveASTVisitor<Refs> {
      HandleScan *self;
      bool TraverseCallExpr(CallExpr *) { return true; }
      bool VisitDeclRefExpr(DeclRefExpr *dr) {
        if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
          if (vd->isLocalVarDecl() && !vd->isStaticLocal() &&
              isHandleType(vd->getType()))
            self->escaped.insert(vd);
        return true;
      }
    } refs;
    refs.self = this;
    refs.TraverseStmt(const_cast<Expr *>(e));
  }
};

} // namespace

void collectThreadHandleFacts(ASTContext &ctx, SourceNames &names,
                              TranslationUnit &tu) {
  std::map<std::string, Function *> byKey;
  for (Function &f : tu.functions)
    if (f.defined)
      byKey[f.key] = &f;
  struct Walk : RecursiveASTVisitor<Walk> {
    SourceNames *names;
    std::map<std::string, Function *> *byKey;
    const SourceManager *sm;
    bool VisitFunctionDecl(FunctionDecl *fd) {
      if (!SourceNames::analysedBody(fd, *sm))
        return true;
      auto it = byKey->find(names->functionKey(fd));
      if (it == byKey->end())
        return true;
      HandleScan scan;
      scan.TraverseStmt(fd->getBody());
      for (const VarDecl *vd : scan.escaped)
        it->second->escapedHandles.push_back(names->variableKey(vd, fd));
      it->second->callsTestCancel = scan.testCancel;
      it->second->paramNames.clear();
      for (const ParmVarDecl *pd : fd->parameters())
        it->second->paramNames.push_back(pd->getNameAsString());
      return true;
    }
  } walk;
  walk.names = &names;
  walk.byKey = &byKey;
  walk.sm = &ctx.getSourceManager();
  walk.TraverseDecl(ctx.getTranslationUnitDecl());
}

} // namespace facts
} // namespace coffman
