#include "facts/ExprPaths.h"

#include "facts/Instantiate.h"

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"

namespace coffman {
namespace facts {

using namespace clang;

namespace {
// Counts the definitions of each local variable: its initialiser, plain and
// compound assignments, ++/--, and taking its address (which lets anything
// change it).
struct AssignScan : RecursiveASTVisitor<AssignScan> {
  llvm::DenseMap<const VarDecl *, unsigned> defs;
  llvm::DenseMap<const VarDecl *, const Expr *> lastValue;
  llvm::DenseSet<const VarDecl *> addressTaken;

  static const VarDecl *local(const Expr *e) {
    e = e->IgnoreParenImpCasts();
    if (const auto *dr = dyn_cast<DeclRefExpr>(e))
      if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
        if (vd->isLocalVarDeclOrParm() && !vd->isStaticLocal())
          return vd;
    return nullptr;
  }
  bool VisitVarDecl(VarDecl *vd) {
    if (vd->isLocalVarDeclOrParm() && vd->hasInit()) {
      defs[vd]++;
      lastValue[vd] = vd->getInit();
    }
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *bo) {
    if (!bo->isAssignmentOp())
      return true;
    if (const VarDecl *vd = local(bo->getLHS())) {
      defs[vd] += bo->isCompoundAssignmentOp() ? 2 : 1;
      lastValue[vd] = bo->getRHS();
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *uo) {
    if (uo->isIncrementDecrementOp() || uo->getOpcode() == UO_AddrOf)
      if (const VarDecl *vd = local(uo->getSubExpr())) {
        defs[vd] += 2;
        if (uo->getOpcode() == UO_AddrOf)
          addressTaken.insert(vd);
      }
    return true;
  }
};
} // namespace

ExprPaths::ExprPaths(ASTContext &ctx, SourceNames &names,
                     const FunctionDecl *fn)
    : ctx_(ctx), names_(names), fn_(fn) {
  scanAssignments();
}

void ExprPaths::scanAssignments() {
  if (!fn_ || !fn_->hasBody())
    return;
  AssignScan scan;
  scan.TraverseStmt(fn_->getBody());
  addressTaken_ = std::move(scan.addressTaken);
  for (auto &d : scan.defs) {
    bool isParm = isa<ParmVarDecl>(d.first);
    unsigned allowed = isParm ? 0 : 1;
    if (d.second > allowed)
      reassigned_.insert(d.first);
    else if (!isParm)
      single_[d.first] = scan.lastValue[d.first];
  }
}

std::string ExprPaths::text(const Expr *e) const {
  const SourceManager &sm = ctx_.getSourceManager();
  CharSourceRange r = CharSourceRange::getTokenRange(e->getSourceRange());
  return Lexer::getSourceText(r, sm, ctx_.getLangOpts()).str();
}

Path ExprPaths::unknown(const Expr *e) const {
  Path p;
  p.root = RootKind::Unknown;
  p.name = text(e);
  p.key = p.name;
  return p;
}

Path ExprPaths::variable(const VarDecl *vd) {
  Path p;
  p.name = vd->getNameAsString();
  p.key = names_.variableKey(vd, fn_);
  p.root = vd->hasGlobalStorage() ? RootKind::Global : RootKind::Local;
  return p;
}

static bool isNullExpr(const Expr *e, ASTContext &ctx) {
  return e->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull) !=
         Expr::NPCK_NotNull;
}

Value ExprPaths::valueOf(const Expr *e) {
  Value v;
  if (!e)
    return v;
  QualType t = e->getType();
  if (t->isPointerType())
    v.pointee = SourceNames::typeName(t->getPointeeType());
  // Casts (void * -> struct args *) keep the value; remember the most
  // specific pointee type seen on the way down.
  while (true) {
    e = e->IgnoreParens();
    const auto *ce = dyn_cast<CastExpr>(e);
    if (!ce || ce->getCastKind() == CK_ArrayToPointerDecay ||
        ce->getCastKind() == CK_FunctionToPointerDecay ||
        ce->getCastKind() == CK_LValueToRValue)
      break;
    e = ce->getSubExpr();
    if (v.pointee.empty() && e->getType()->isPointerType())
      v.pointee = SourceNames::typeName(e->getType()->getPointeeType());
  }
  if (isNullExpr(e, ctx_)) {
    v.kind = Value::Null;
    return v;
  }
  // An integer constant (`-42`, `true`, an enumerator): a callee branching
  // on that parameter takes one side only.
  Expr::EvalResult r;
  if (!t->isPointerType() && t->isIntegralOrEnumerationType() &&
      e->EvaluateAsInt(r, ctx_) && r.Val.getInt().getSignificantBits() <= 64) {
    v.kind = Value::Int;
    v.number = r.Val.getInt().getExtValue();
    return v;
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e))
    if (uo->getOpcode() == UO_AddrOf) {
      const Expr *sub = uo->getSubExpr()->IgnoreParens();
      if (const auto *dr = dyn_cast<DeclRefExpr>(sub))
        if (const auto *fd = dyn_cast<FunctionDecl>(dr->getDecl())) {
          v.kind = Value::Function;
          v.function = names_.functionKey(fd);
          return v;
        }
      v.kind = Value::AddrOf;
      v.path = lvalue(sub);
      if (!v.path.known())
        v.kind = Value::Unknown;
      return v;
    }
  if (const auto *ce = dyn_cast<CastExpr>(e)) {
    if (ce->getCastKind() == CK_ArrayToPointerDecay) {
      v.kind = Value::AddrOf;
      v.path = lvalue(ce->getSubExpr());
      v.path.ops.push_back("[]");
      if (!v.path.known())
        v.kind = Value::Unknown;
      return v;
    }
    if (ce->getCastKind() == CK_FunctionToPointerDecay)
      e = ce->getSubExpr()->IgnoreParens();
    else if (ce->getCastKind() == CK_LValueToRValue)
      e = ce->getSubExpr()->IgnoreParens();
  }
  if (const auto *dr = dyn_cast<DeclRefExpr>(e)) {
    if (const auto *fd = dyn_cast<FunctionDecl>(dr->getDecl())) {
      v.kind = Value::Function;
      v.function = names_.functionKey(fd);
      return v;
    }
    if (const auto *pd = dyn_cast<ParmVarDecl>(dr->getDecl())) {
      if (fn_ && !reassigned_.count(pd) && pd->getFunctionScopeIndex() <
                                        fn_->getNumParams() &&
          fn_->getParamDecl(pd->getFunctionScopeIndex()) == pd) {
        v.kind = Value::Load;
        v.path.root = RootKind::Param;
        v.path.param = pd->getFunctionScopeIndex();
        v.path.name = "param" + std::to_string(v.path.param);
        v.path.key = v.path.name;
        return v;
      }
    }
    if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl())) {
      auto it = single_.find(vd);
      if (it != single_.end() && it->second && !resolving_.count(vd)) {
        resolving_.insert(vd);
        Value alias = valueOf(it->second);
        resolving_.erase(vd);
        if (alias.kind != Value::Unknown) {
          if (alias.pointee.empty())
            alias.pointee = v.pointee;
          else if (!v.pointee.empty())
            alias.pointee = v.pointee; // the declared type is more precise
          return alias;
        }
      }
      v.kind = Value::Load;
      v.path = variable(vd);
      v.path.stable = vd->getType()->isPointerType() &&
                      ((vd->isLocalVarDecl() && single_.count(vd)) ||
                       (isa<ParmVarDecl>(vd) && !reassigned_.count(vd)));
      return v;
    }
  }
  if (isa<MemberExpr>(e) || isa<ArraySubscriptExpr>(e) ||
      isa<UnaryOperator>(e)) {
    Path p = lvalue(e);
    if (p.known()) {
      v.kind = Value::Load;
      v.path = p;
    }
    return v;
  }
  return v;
}

Path ExprPaths::deref(const Value &v, const std::string &op, QualType pointee) {
  return derefValue(v, op, SourceNames::typeName(pointee));
}

Path ExprPaths::lvalue(const Expr *e) {
  e = e->IgnoreParenImpCasts();
  if (const auto *dr = dyn_cast<DeclRefExpr>(e)) {
    if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
      return variable(vd);
    return unknown(e);
  }
  if (const auto *me = dyn_cast<MemberExpr>(e)) {
    std::string field = me->getMemberDecl()->getNameAsString();
    if (me->isArrow()) {
      Path p = deref(valueOf(me->getBase()), "->" + field,
                     me->getBase()->getType()->getPointeeType());
      return p.known() ? p : unknown(e);
    }
    Path p = lvalue(me->getBase());
    if (!p.known())
      return unknown(e);
    p.ops.push_back("." + field);
    return p;
  }
  if (const auto *as = dyn_cast<ArraySubscriptExpr>(e)) {
    const Expr *base = as->getBase()->IgnoreParens();
    if (const auto *ce = dyn_cast<CastExpr>(base))
      if (ce->getCastKind() == CK_ArrayToPointerDecay) {
        Path p = lvalue(ce->getSubExpr());
        if (!p.known())
          return unknown(e);
        p.ops.push_back("[]");
        return p;
      }
    Path p = deref(valueOf(as->getBase()), "->[]", as->getType());
    return p.known() ? p : unknown(e);
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(e))
    if (uo->getOpcode() == UO_Deref) {
      Path p = deref(valueOf(uo->getSubExpr()), "*", uo->getType());
      return p.known() ? p : unknown(e);
    }
  return unknown(e);
}

Path ExprPaths::pointee(const Expr *pointer) {
  if (!pointer)
    return Path();
  const Expr *stripped = pointer->IgnoreParenCasts();
  if (const auto *uo = dyn_cast<UnaryOperator>(stripped))
    if (uo->getOpcode() == UO_AddrOf)
      return lvalue(uo->getSubExpr());
  QualType pt = pointer->getType()->isPointerType()
                    ? pointer->getType()->getPointeeType()
                    : QualType();
  Path p = deref(valueOf(pointer), "*", pt);
  return p.known() ? p : unknown(pointer);
}

} // namespace facts
} // namespace coffman
