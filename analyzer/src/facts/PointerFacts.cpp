// Which named pointer slots may ever hold something other than NULL.
//
// A global (or static, or a field of one) that no code ever sets is NULL
// for the whole run, so a wait on the object it points to is a wait on
// nothing.  "Sets" is counted generously, because a missed write would be a
// false alarm: any assignment or initialiser that is not a NULL constant,
// taking the slot's address (someone may write through it), writing the
// containing object whole, handing the containing object to a function
// whose body this file does not have, and writing a field of the same name
// through any pointer (an alias we cannot follow).  Also recorded: the
// pointers each function tests against NULL (a tested pointer is
// handled), and every sem_init target.
#include "facts/PointerFacts.h"

#include "facts/ExprPaths.h"
#include "facts/Instantiate.h"

#include "clang/AST/RecursiveASTVisitor.h"

#include <map>
#include <memory>
#include <set>

namespace coffman {
namespace facts {

using namespace clang;

std::string fieldWriteKey(const std::string &field) {
  return "field:" + field;
}

namespace {

bool isNull(const Expr *e, ASTContext &ctx) {
  e = e->IgnoreParenCasts();
  if (isa<ImplicitValueInitExpr>(e))
    return true;
  return e->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

bool hasDeref(const Path &p) {
  for (const std::string &op : p.ops)
    if (isDeref(op) || op == "->[]")
      return true;
  return false;
}

// Synchronisation and thread calls never store into the objects they are
// given (pthread_create's argument goes to a routine we analyse).
bool syncApi(const FunctionDecl *fd) {
  if (!fd || !fd->getIdentifier())
    return false;
  StringRef n = fd->getName();
  return n.starts_with("pthread_") || n.starts_with("sem_") ||
         n.starts_with("mtx_") || n.starts_with("cnd_") ||
         n.starts_with("thrd_");
}

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &ctx, SourceNames &names, TranslationUnit &tu)
      : ctx_(ctx), names_(names), tu_(tu), file_(ctx, names, nullptr) {
    for (Function &f : tu.functions)
      if (f.defined)
        byKey_[f.key] = &f;
  }

  bool TraverseFunctionDecl(FunctionDecl *fd) {
    if (!SourceNames::analysedBody(fd, ctx_.getSourceManager()))
      return true;
    fn_ = fd;
    paths_ = std::make_unique<ExprPaths>(ctx_, names_, fd);
    tested_.clear();
    RecursiveASTVisitor::TraverseFunctionDecl(fd);
    auto it = byKey_.find(names_.functionKey(fd));
    if (it != byKey_.end())
      it->second->nullTested.assign(tested_.begin(), tested_.end());
    paths_.reset();
    fn_ = nullptr;
    return true;
  }

  bool VisitVarDecl(VarDecl *vd) {
    if (isa<ParmVarDecl>(vd) ||
        ctx_.getSourceManager().isInSystemHeader(vd->getLocation()))
      return true;
    QualType t = vd->getType();
    bool slots = t->isPointerType() || t->isRecordType();
    Path var = paths().variable(vd);
    if (slots && vd->hasGlobalStorage() &&
        vd->isThisDeclarationADefinition() != VarDecl::DeclarationOnly)
      tu_.pointerDecls.push_back({var, names_.loc(vd->getLocation())});
    else if (t->isRecordType() && vd->hasInit() &&
             isa<InitListExpr>(vd->getInit()->IgnoreParenImpCasts()))
      tu_.pointerDecls.push_back({var, names_.loc(vd->getLocation())});
    if (vd->hasInit())
      scanInit(var, vd->getInit());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (bo->isLogicalOp()) {
      truth(bo->getLHS());
      return truth(bo->getRHS());
    }
    if (bo->isAssignmentOp()) {
      QualType t = bo->getLHS()->getType();
      if (t->isPointerType() &&
          (bo->isCompoundAssignmentOp() || !isNull(bo->getRHS(), ctx_)))
        writeSlot(bo->getLHS());
      else if (t->isRecordType())
        writeWhole(bo->getLHS());
      return true;
    }
    if (bo->getOpcode() != BO_EQ && bo->getOpcode() != BO_NE)
      return true;
    if (isNull(bo->getRHS(), ctx_) && bo->getLHS()->getType()->isPointerType())
      tested(bo->getLHS());
    else if (isNull(bo->getLHS(), ctx_) &&
             bo->getRHS()->getType()->isPointerType())
      tested(bo->getRHS());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *uo) {
    const Expr *sub = uo->getSubExpr();
    if (uo->getOpcode() == UO_LNot)
      truth(sub);
    if (uo->isIncrementDecrementOp() && sub->getType()->isPointerType())
      writeSlot(sub);
    else if (uo->getOpcode() == UO_AddrOf && sub->getType()->isPointerType())
      writeSlot(sub); // `&g_queue`: anyone may store through it
    return true;
  }

  // `if (q)`, `!q`, `q && ...`, `while (q)`, `q ? a : b`, `assert(q)`: a
  // pointer used as a truth value.  C keeps such conditions as pointers;
  // `(bool)q` converts.
  bool VisitImplicitCastExpr(ImplicitCastExpr *ce) {
    if (ce->getCastKind() == CK_PointerToBoolean)
      tested(ce->getSubExpr());
    return true;
  }
  bool VisitIfStmt(IfStmt *s) { return truth(s->getCond()); }
  bool VisitWhileStmt(WhileStmt *s) { return truth(s->getCond()); }
  bool VisitDoStmt(DoStmt *s) { return truth(s->getCond()); }
  bool VisitForStmt(ForStmt *s) { return truth(s->getCond()); }
  bool VisitConditionalOperator(ConditionalOperator *c) {
    return truth(c->getCond());
  }

  bool VisitCallExpr(CallExpr *call) {
    const FunctionDecl *fd = call->getDirectCallee();
    if (fd && fd->getIdentifier() && fd->getName() == "sem_init" &&
        call->getNumArgs() == 3) {
      Path p = paths().pointee(call->getArg(0));
      if (p.known())
        tu_.initialisedSems.push_back(
            {p.root == RootKind::Param && fn_ ? names_.functionKey(fn_) : "",
             p});
    }
    if (syncApi(fd) || (fd && fd->hasBody()))
      return true;
    // Code we cannot see may fill in any object it is given.
    for (const Expr *a : call->arguments()) {
      QualType t = a->getType();
      if (t->isPointerType() && t->getPointeeType()->isRecordType())
        writeThrough(a);
    }
    return true;
  }

private:
  ExprPaths &paths() { return paths_ ? *paths_ : file_; }

  void add(const std::string &key) { written_.insert(key); }

  bool truth(const Expr *cond) {
    if (cond && cond->IgnoreParenImpCasts()->getType()->isPointerType())
      tested(cond->IgnoreParenImpCasts());
    return true;
  }

  void tested(const Expr *e) {
    if (!fn_)
      return;
    Value v = paths().valueOf(e);
    if (v.kind == Value::Load && v.path.known())
      tested_.insert(v.path.identity());
  }

  // One pointer slot gets a value that may not be NULL.
  void writeSlot(const Expr *lhs) {
    Path p = paths().lvalue(lhs);
    if (p.known() && !hasDeref(p)) {
      add(p.identity());
      return;
    }
    // Through a pointer: any object's field of that name may be the one.
    if (const auto *me = dyn_cast<MemberExpr>(lhs->IgnoreParenImpCasts()))
      add(fieldWriteKey(me->getMemberDecl()->getNameAsString()));
  }

  // A whole structure is written (copied, or filled by unseen code).
  void writeWhole(const Expr *obj) {
    Path p = paths().lvalue(obj);
    if (p.known() && !hasDeref(p))
      add(p.identity());
    else
      addFieldsOf(obj->getType(), 0);
  }

  void writeThrough(const Expr *ptr) {
    const Expr *e = ptr->IgnoreParenCasts();
    if (const auto *uo = dyn_cast<UnaryOperator>(e))
      if (uo->getOpcode() == UO_AddrOf) {
        writeWhole(uo->getSubExpr());
        return;
      }
    addFieldsOf(ptr->getType()->getPointeeType(), 0);
  }

  void addFieldsOf(QualType t, int depth) {
    const auto *rt = t->getAs<RecordType>();
    if (!rt || depth > 3)
      return;
    for (const FieldDecl *f : rt->getDecl()->fields()) {
      if (f->getType()->isPointerType())
        add(fieldWriteKey(f->getNameAsString()));
      else
        addFieldsOf(f->getType(), depth + 1);
    }
  }

  // Walks an initialiser alongside the object's type down to its pointers.
  void scanInit(const Path &target, const Expr *init) {
    init = init->IgnoreParenImpCasts();
    const auto *list = dyn_cast<InitListExpr>(init);
    if (!list) {
      QualType t = init->getType();
      if ((t->isPointerType() && !isNull(init, ctx_)) || t->isRecordType())
        add(target.identity());
      return;
    }
    if (list->getType()->isArrayType()) {
      Path elem = target;
      elem.ops.push_back("[]");
      for (const Expr *e : list->inits())
        scanInit(elem, e);
      return;
    }
    const auto *rt = list->getType()->getAs<RecordType>();
    if (!rt)
      return;
    unsigned i = 0;
    for (const FieldDecl *f : rt->getDecl()->fields()) {
      if (i >= list->getNumInits())
        break;
      Path field = target;
      field.ops.push_back("." + f->getNameAsString());
      scanInit(field, list->getInit(i++));
    }
  }

public:
  void finish() {
    tu_.pointerWrites.assign(written_.begin(), written_.end());
  }

private:
  ASTContext &ctx_;
  SourceNames &names_;
  TranslationUnit &tu_;
  ExprPaths file_; // file-scope initialisers
  std::unique_ptr<ExprPaths> paths_;
  const FunctionDecl *fn_ = nullptr;
  std::map<std::string, Function *> byKey_;
  std::set<std::string> written_;
  std::set<std::string> tested_;
};

} // namespace

void collectPointerFacts(ASTContext &ctx, SourceNames &names,
                         TranslationUnit &tu) {
  Collector c(ctx, names, tu);
  c.TraverseDecl(ctx.getTranslationUnitDecl());
  c.finish();
}

} // namespace facts
} // namespace coffman
