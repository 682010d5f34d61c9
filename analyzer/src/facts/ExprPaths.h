// Turns C expressions into abstract paths and values (Facts.h) within one
// function: `&p->inner.mu` -> param0->inner.mu, `&arr[i]` -> arr[], a local
// pointer initialised once from a parameter is that parameter
// (`struct args *a = arg;`), anything else reached through a pointer becomes
// a class of its pointee type.
#ifndef COFFMAN_FACTS_EXPRPATHS_H
#define COFFMAN_FACTS_EXPRPATHS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace coffman {
namespace facts {

class ExprPaths {
public:
  ExprPaths(clang::ASTContext &ctx, SourceNames &names,
            const clang::FunctionDecl *fn);
  Value valueOf(const clang::Expr *e);
  Path lvalue(const clang::Expr *e);
  // The object a pointer expression points to (the lock in lock(&x)).
  Path pointee(const clang::Expr *pointer);
  // Local variables whose value changes after initialisation.
  bool isReassigned(const clang::VarDecl *vd) const {
    return reassigned_.count(vd) != 0;
  }
  // Local variables whose address is taken: a callee may change them
  // without an assignment in this function.
  bool isAddressTaken(const clang::VarDecl *vd) const {
    return addressTaken_.count(vd) != 0;
  }
  std::string text(const clang::Expr *e) const;
  Path variable(const clang::VarDecl *vd);

private:
  Path deref(const Value &v, const std::string &op, clang::QualType pointee);
  Path unknown(const clang::Expr *e) const;
  void scanAssignments();

  clang::ASTContext &ctx_;
  SourceNames &names_;
  const clang::FunctionDecl *fn_;
  llvm::DenseSet<const clang::VarDecl *> reassigned_;
  llvm::DenseSet<const clang::VarDecl *> addressTaken_;
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> single_;
  llvm::DenseSet<const clang::VarDecl *> resolving_;
};

} // namespace facts
} // namespace coffman

#endif
