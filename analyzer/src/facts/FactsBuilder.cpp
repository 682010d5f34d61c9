// Per-function CFG walk.  The CFG is built with every sub-expression as its
// own element (like Clang's ThreadSafety analysis) so calls appear in
// evaluation order, including the one inside `if (trylock(&m) == 0)`.
#include "facts/FactsBuilder.h"

#include "facts/ExprPaths.h"
#include "facts/Instantiate.h"
#include "facts/LockApi.h"
#include "facts/FdFacts.h"
#include "facts/ForkFacts.h"
#include "facts/GateFacts.h"
#include "facts/LockInitFacts.h"
#include "facts/OrderFacts.h"
#include "facts/PointerFacts.h"
#include "facts/ThreadHandleFacts.h"
#include "facts/SourceNames.h"

#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"

#include <algorithm>
#include <set>

namespace coffman {
namespace facts {

using namespace clang;

namespace {

const VarDecl *localVar(const Expr *e) {
  if (!e)
    return nullptr;
  e = e->IgnoreParenImpCasts();
  if (const auto *dr = dyn_cast<DeclRefExpr>(e))
    if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
      if (vd->isLocalVarDeclOrParm() && !vd->isStaticLocal())
        return vd;
  return nullptr;
}

// A branch condition reduced to "X is non-zero", or with `compare` to
// "X == value" (possibly negated).  In `(rc = pthread_create(..)) != 0` the
// subject is the call and `stored` the variable that keeps its result.
struct Truth {
  const Expr *subject = nullptr;
  const Expr *stored = nullptr;
  bool negated = false;
  bool compare = false;
  long long value = 0;
  // What later branches test again: the variable, else the subject.
  const Expr *flag() const { return stored ? stored : subject; }
};

// NULL, 0 and other integer constants that fit in 64 bits.
bool constantOperand(const Expr *e, ASTContext &ctx, long long &value) {
  if (e->isNullPointerConstant(ctx, Expr::NPC_ValueDependentIsNotNull) !=
      Expr::NPCK_NotNull) {
    value = 0;
    return true;
  }
  Expr::EvalResult r;
  if (!e->EvaluateAsInt(r, ctx) || r.Val.getInt().getSignificantBits() > 64)
    return false;
  value = r.Val.getInt().getExtValue();
  return true;
}

// What an assignment to a branch variable stores, when a later test can
// decide on it: an integer constant (NULL is 0, `(void *)1` is 1), or an
// address, which is never 0.  Unknown otherwise.
Value assignedConstant(const Expr *rhs, ASTContext &ctx) {
  Value v;
  if (!rhs)
    return v;
  long long k = 0;
  const Expr *bare = rhs->IgnoreParenCasts();
  if (constantOperand(rhs, ctx, k) ||
      (bare->getType()->isIntegerType() && constantOperand(bare, ctx, k))) {
    v.kind = k == 0 ? Value::Null : Value::Int;
    v.number = k;
    return v;
  }
  if (const auto *uo = dyn_cast<UnaryOperator>(bare))
    if (uo->getOpcode() == UO_AddrOf)
      v.kind = Value::AddrOf;
  return v;
}

// The constant an arm of `c ? (unlock(m), 0) : (lock(m), 1)` yields: the
// last operand of a comma chain.
bool armConstant(const Expr *arm, ASTContext &ctx, long long &value) {
  arm = arm->IgnoreParenCasts();
  while (const auto *bo = dyn_cast<BinaryOperator>(arm)) {
    if (bo->getOpcode() != BO_Comma)
      break;
    arm = bo->getRHS()->IgnoreParenCasts();
  }
  return constantOperand(arm, ctx, value);
}

Truth reduceCondition(const Expr *c, ASTContext &ctx) {
  Truth t;
  // `(x = value)` tests the value, which x keeps.
  auto splitAssign = [&t](const Expr *e) -> const Expr * {
    const auto *as = dyn_cast<BinaryOperator>(e);
    if (!as || as->getOpcode() != BO_Assign || t.stored)
      return e;
    t.stored = as->getLHS();
    return as->getRHS()->IgnoreParenImpCasts();
  };
  while (c) {
    c = splitAssign(c->IgnoreParenImpCasts());
    if (const auto *uo = dyn_cast<UnaryOperator>(c))
      if (uo->getOpcode() == UO_LNot) {
        t.negated = !t.negated;
        c = uo->getSubExpr();
        continue;
      }
    if (const auto *bo = dyn_cast<BinaryOperator>(c))
      if (bo->getOpcode() == BO_EQ || bo->getOpcode() == BO_NE) {
        long long k = 0;
        const Expr *other = nullptr;
        if (constantOperand(bo->getRHS(), ctx, k))
          other = bo->getLHS();
        else if (constantOperand(bo->getLHS(), ctx, k))
          other = bo->getRHS();
        if (!other)
          break;
        bool equal = bo->getOpcode() == BO_EQ;
        if (k == 0) {
          // X == 0: true means "X is zero".
          if (equal)
            t.negated = !t.negated;
          c = other;
          continue;
        }
        // X != 5 is not "X is zero": keep the constant.
        if (!equal)
          t.negated = !t.negated;
        t.compare = true;
        t.value = k;
        c = splitAssign(other->IgnoreParenImpCasts());
        break;
      }
    break;
  }
  t.subject = c;
  return t;
}

// `T *lock_and_return(T *m) { lock(m); return m; }`: every return gives
// back the first parameter.
bool returnsFirstArgument(const FunctionDecl *fd) {
  const FunctionDecl *def = fd->getDefinition();
  if (!def || def->getNumParams() == 0 || !def->getBody())
    return false;
  const ParmVarDecl *first = def->getParamDecl(0);
  struct Scan : RecursiveASTVisitor<Scan> {
    const ParmVarDecl *first;
    bool any = false, all = true;
    bool VisitReturnStmt(ReturnStmt *r) {
      const Expr *v = r->getRetValue();
      const auto *dr = v ? dyn_cast<DeclRefExpr>(v->IgnoreParenCasts())
                         : nullptr;
      any = true;
      all &= dr && dr->getDecl() == first;
      return true;
    }
  } scan;
  scan.first = first;
  scan.TraverseStmt(def->getBody());
  return scan.any && scan.all;
}

class FunctionBuilder {
public:
  FunctionBuilder(ASTContext &ctx, SourceNames &names, const FunctionDecl *fd,
                  TranslationUnit &tu)
      : ctx_(ctx), names_(names), fd_(fd), paths_(ctx, names, fd), tu_(tu) {}

  void build(Function &f);

private:
  struct TryInfo {
    unsigned event;
    bool successNonZero;
    bool spawn = false; // a thread creation (Branch::Spawn), not a lock
  };

  void collectFlags(const CFG &cfg);
  void collectConditionalFlag(const Expr *subject);
  void noteArmValue(const Stmt *s, Block &out);
  void collectDetachedAttrs();
  void visitBlock(const CFGBlock &b, Block &out);
  void visitStmt(const Stmt *s, Block &out);
  void visitCleanup(const CFGCleanupFunction &c, Block &out);
  Path heldByGuard(const Expr *init);
  void visitCall(const CallExpr *call, Block &out);
  bool visitApi(const CallExpr *call, const std::string &name, Block &out);
  bool visitAnnotated(const CallExpr *call, const FunctionDecl *callee,
                      Block &out);
  void noteAssign(const Expr *lhs, const Expr *rhs, SourceLocation at,
                  Block &out);
  void noteStore(const Expr *lhs, const Expr *rhs);
  void classifyBranch(const CFGBlock &b, Block &out);
  static void setFlag(Branch &br, const Truth &t, const std::string &var);
  std::string routineKey(const Expr *e, std::string &name);
  Event event(EventKind k, SourceLocation l) {
    Event e;
    e.kind = k;
    e.loc = names_.loc(l);
    return e;
  }

  ASTContext &ctx_;
  SourceNames &names_;
  const FunctionDecl *fd_;
  ExprPaths paths_;
  TranslationUnit &tu_;
  std::set<const VarDecl *> flags_;
  // Flags that are not locals (`if (mod->needs_lock)`, `if (g_debug)`):
  // "P:" + path identity.  Calls do not kill them, assignments do.
  std::set<std::string> pathFlags_;
  std::string pathFlag(const Expr *e);
  // A loop or branch that tests the value of `c ? X : Y` whose arms are
  // constants (scoped-lock macros: `for (i = 0; i ? (unlock, 0) : (lock, 1);
  // i = 1)`) tests a flag of its own, which each arm sets as it runs.
  struct ArmValue {
    std::string var;
    long long value;
  };
  llvm::DenseMap<const Stmt *, ArmValue> armValues_;
  llvm::DenseMap<const Expr *, std::string> conditionalFlags_;
  std::set<std::string> detachedAttrs_;
  // Per block: try-lock calls and variables holding their results.
  llvm::DenseMap<const Expr *, TryInfo> tryCalls_;
  llvm::DenseMap<const VarDecl *, TryInfo> tryVars_;
};

void FunctionBuilder::collectFlags(const CFG &cfg) {
  for (const CFGBlock *b : cfg) {
    if (!b || b->succ_size() != 2)
      continue;
    Truth t = reduceCondition(
        dyn_cast_or_null<Expr>(b->getTerminatorCondition()), ctx_);
    collectConditionalFlag(t.subject);
    if (const VarDecl *vd = localVar(t.flag())) {
      // `next(&it); if (it == NULL)`: the call changes it unseen.
      if (!paths_.isAddressTaken(vd))
        flags_.insert(vd);
    } else if (t.subject && isa_and_nonnull<IfStmt>(b->getTerminatorStmt())) {
      std::string f = pathFlag(t.flag());
      if (!f.empty())
        pathFlags_.insert(f);
    }
  }
}

void FunctionBuilder::collectConditionalFlag(const Expr *subject) {
  const auto *co = dyn_cast_or_null<ConditionalOperator>(
      subject ? subject->IgnoreParenImpCasts() : nullptr);
  if (!co)
    return;
  long long yes = 0, no = 0;
  if (!armConstant(co->getTrueExpr(), ctx_, yes) ||
      !armConstant(co->getFalseExpr(), ctx_, no))
    return;
  SourceLoc at = names_.loc(co->getQuestionLoc());
  std::string var = "?:" + std::to_string(conditionalFlags_.size()) + "@" +
                    std::to_string(at.line) + ":" + std::to_string(at.col);
  conditionalFlags_[co] = var;
  // The CFG lists an arm without its parentheses, possibly under its
  // implicit conversion: know it by either form.
  for (const auto &[arm, value] :
       {std::pair<const Expr *, long long>{co->getTrueExpr(), yes},
        std::pair<const Expr *, long long>{co->getFalseExpr(), no}}) {
    armValues_[arm->IgnoreParens()] = {var, value};
    armValues_[arm->IgnoreParenImpCasts()] = {var, value};
  }
}

void FunctionBuilder::noteArmValue(const Stmt *s, Block &out) {
  auto it = armValues_.find(s);
  if (it == armValues_.end())
    return;
  for (const Event &e : out.events)
    if (e.kind == EventKind::Assign && e.object.key == it->second.var)
      return; // the same arm seen under its conversion
  Event e = event(EventKind::Assign, s->getBeginLoc());
  e.object.root = RootKind::Local;
  e.object.name = "?:";
  e.object.key = it->second.var;
  Value v;
  v.kind = it->second.value == 0 ? Value::Null : Value::Int;
  v.number = it->second.value;
  e.args.push_back(v);
  out.events.push_back(std::move(e));
}

std::string FunctionBuilder::pathFlag(const Expr *e) {
  e = e->IgnoreParenImpCasts();
  if (!isa<MemberExpr>(e) && !isa<DeclRefExpr>(e))
    return "";
  Path p = paths_.lvalue(e);
  if (p.root != RootKind::Global && p.root != RootKind::Param &&
      p.root != RootKind::Local)
    return "";
  // `crawlers[i].it_flags` names every element: what one test says about
  // element i says nothing about the next one.
  if (std::find(p.ops.begin(), p.ops.end(), "[]") != p.ops.end() ||
      std::find(p.ops.begin(), p.ops.end(), "->[]") != p.ops.end())
    return "";
  return "P:" + p.identity();
}

void FunctionBuilder::collectDetachedAttrs() {
  struct Scan : RecursiveASTVisitor<Scan> {
    FunctionBuilder *self;
    bool VisitCallExpr(CallExpr *c) {
      const FunctionDecl *fd = c->getDirectCallee();
      if (!fd || fd->getName() != "pthread_attr_setdetachstate" ||
          c->getNumArgs() != 2)
        return true;
      Expr::EvalResult r;
      if (c->getArg(1)->EvaluateAsInt(r, self->ctx_) && r.Val.getInt() == 1)
        self->detachedAttrs_.insert(
            self->paths_.pointee(c->getArg(0)).identity());
      return true;
    }
  } scan;
  scan.self = this;
  scan.TraverseStmt(fd_->getBody());
}

std::string FunctionBuilder::routineKey(const Expr *e, std::string &name) {
  Value v = paths_.valueOf(e);
  if (v.kind == Value::Function) {
    name = v.function.substr(v.function.rfind(':') + 1);
    return v.function;
  }
  // A global function pointer initialised with a function.
  if (v.kind == Value::Load && v.path.root == RootKind::Global &&
      v.path.ops.empty())
    if (const auto *dr = dyn_cast<DeclRefExpr>(e->IgnoreParenCasts()))
      if (const auto *vd = dyn_cast<VarDecl>(dr->getDecl()))
        if (const VarDecl *def = vd->getDefinition())
          if (def->hasInit()) {
            Value init = paths_.valueOf(def->getInit());
            if (init.kind == Value::Function) {
              name = init.function.substr(init.function.rfind(':') + 1);
              return init.function;
            }
          }
  name = paths_.text(e);
  return "";
}

bool FunctionBuilder::visitApi(const CallExpr *call, const std::string &name,
                               Block &out) {
  const ApiInfo *api = lookupApi(name);
  if (!api)
    return false;
  unsigned n = call->getNumArgs();
  auto arg = [&](unsigned i) -> const Expr * {
    return i < n ? call->getArg(i) : nullptr;
  };
  Event e = event(api->kind, call->getBeginLoc());
  e.callee = e.calleeName = name;
  e.mode = api->mode;
  e.flag = api->flag;
  switch (api->kind) {
  case EventKind::Lock:
    e.lock = paths_.pointee(arg(0));
    e.lockKind = api->lockKind;
    e.access = api->access;
    if (api->mode != AcquireMode::Blocking)
      tryCalls_[call] = {static_cast<unsigned>(out.events.size()), false};
    break;
  case EventKind::Unlock:
    e.lock = paths_.pointee(arg(0));
    e.lockKind = api->lockKind;
    break;
  case EventKind::CondWait:
    e.object = paths_.pointee(arg(0));
    e.lock = paths_.pointee(arg(1));
    e.lockKind = name[0] == 'c' ? LockKind::Mtx : LockKind::Mutex;
    break;
  case EventKind::CondSignal:
  case EventKind::SemWait:
  case EventKind::SemPost:
    e.object = paths_.pointee(arg(0));
    break;
  case EventKind::ThreadCreate: {
    bool c11 = name == "thrd_create";
    e.object = paths_.pointee(arg(0));
    const Expr *fn = arg(c11 ? 1 : 2);
    if (fn)
      e.callee = routineKey(fn, e.calleeName);
    e.args.push_back(paths_.valueOf(arg(c11 ? 2 : 3)));
    if (!c11 && arg(1) && paths_.valueOf(arg(1)).kind != Value::Null)
      e.flag = detachedAttrs_.count(paths_.pointee(arg(1)).identity()) != 0;
    // Both APIs return 0 on success (thrd_success == 0).
    tryCalls_[call] = {static_cast<unsigned>(out.events.size()), false, true};
    break;
  }
  case EventKind::ThreadJoin:
  case EventKind::ThreadDetach:
    if (arg(0))
      e.object = paths_.lvalue(arg(0));
    break;
  default:
    break;
  }
  out.events.push_back(std::move(e));
  return true;
}

// Calls to functions carrying thread-safety attributes become lock/unlock
// events at the call site, with the attribute's arguments instantiated.
bool FunctionBuilder::visitAnnotated(const CallExpr *call,
                                     const FunctionDecl *callee, Block &out) {
  if (!callee->hasAttrs())
    return false;
  std::vector<Value> args;
  for (const Expr *a : call->arguments())
    args.push_back(paths_.valueOf(a));
  ExprPaths calleePaths(ctx_, names_, callee);
  auto lockOf = [&](const Expr *attrArg) {
    Path p = attrArg->getType()->isPointerType()
                 ? calleePaths.pointee(attrArg)
                 : calleePaths.lvalue(attrArg);
    return instantiate(p, args);
  };
  bool any = false;
  auto emit = [&](EventKind k, const Expr *attrArg, Access a, AcquireMode m,
                  bool successNonZero) {
    Event e = event(k, call->getBeginLoc());
    e.lock = lockOf(attrArg);
    e.lockKind = LockKind::Capability;
    e.access = a;
    e.mode = m;
    e.callee = names_.functionKey(callee);
    e.calleeName = callee->getNameAsString();
    if (m != AcquireMode::Blocking)
      tryCalls_[call] = {static_cast<unsigned>(out.events.size()),
                         successNonZero};
    out.events.push_back(std::move(e));
    any = true;
  };
  for (const Attr *at : callee->attrs()) {
    if (const auto *a = dyn_cast<AcquireCapabilityAttr>(at)) {
      for (const Expr *x : a->args())
        emit(EventKind::Lock, x,
             a->isShared() ? Access::Shared : Access::Exclusive,
             AcquireMode::Blocking, true);
    } else if (const auto *r = dyn_cast<ReleaseCapabilityAttr>(at)) {
      for (const Expr *x : r->args())
        emit(EventKind::Unlock, x, Access::Exclusive, AcquireMode::Blocking,
             true);
    } else if (const auto *t = dyn_cast<TryAcquireCapabilityAttr>(at)) {
      Expr::EvalResult v;
      bool ok = !t->getSuccessValue()->EvaluateAsInt(v, ctx_) ||
                v.Val.getInt() != 0;
      for (const Expr *x : t->args())
        emit(EventKind::Lock, x,
             t->isShared() ? Access::Shared : Access::Exclusive,
             AcquireMode::Try, ok);
    } else if (const auto *t = dyn_cast<ExclusiveTrylockFunctionAttr>(at)) {
      Expr::EvalResult v;
      bool ok = !t->getSuccessValue()->EvaluateAsInt(v, ctx_) ||
                v.Val.getInt() != 0;
      for (const Expr *x : t->args())
        emit(EventKind::Lock, x, Access::Exclusive, AcquireMode::Try, ok);
    } else if (const auto *t = dyn_cast<SharedTrylockFunctionAttr>(at)) {
      Expr::EvalResult v;
      bool ok = !t->getSuccessValue()->EvaluateAsInt(v, ctx_) ||
                v.Val.getInt() != 0;
      for (const Expr *x : t->args())
        emit(EventKind::Lock, x, Access::Shared, AcquireMode::Try, ok);
    }
  }
  return any;
}

void FunctionBuilder::visitCall(const CallExpr *call, Block &out) {
  const FunctionDecl *callee = call->getDirectCallee();
  if (callee) {
    std::string name = callee->getNameAsString();
    if (visitAnnotated(call, callee, out))
      return;
    // A function of the program that happens to be called `recv` is not
    // the C library's.
    bool ownDefinition = callee->getDefinition() &&
                         !ctx_.getSourceManager().isInSystemHeader(
                             callee->getDefinition()->getLocation());
    if (!ownDefinition && visitApi(call, name, out))
      return;
    // Leaving the thread is its return: the lock-leak check points here.
    if (name == "pthread_exit" || name == "thrd_exit") {
      out.events.push_back(event(EventKind::Return, call->getBeginLoc()));
      return;
    }
    const FunctionDecl *def = callee->getDefinition();
    if (!def && ctx_.getSourceManager().isInSystemHeader(callee->getLocation()))
      return; // printf & co: no concurrency effects we model
    Event e = event(EventKind::Call, call->getBeginLoc());
    e.callee = names_.functionKey(callee);
    e.calleeName = name;
    for (const Expr *a : call->arguments())
      e.args.push_back(paths_.valueOf(a));
    out.events.push_back(std::move(e));
    return;
  }
  // Indirect call: resolvable when the pointer holds one known function.
  Event e = event(EventKind::Call, call->getBeginLoc());
  e.callee = routineKey(call->getCallee(), e.calleeName);
  for (const Expr *a : call->arguments())
    e.args.push_back(paths_.valueOf(a));
  out.events.push_back(std::move(e));
}

// Records `x.f = &y` for the program stage's flow-insensitive resolution of
// pointers stored in named objects.
void recordStore(TranslationUnit &tu, Path target, const Value &v) {
  if (!target.known() || target.root == RootKind::Param ||
      target.root == RootKind::Class)
    return;
  for (const std::string &op : target.ops)
    if (isDeref(op))
      return;
  bool stablePointer = v.kind == Value::Load && v.path.stable &&
                       v.path.ops.empty();
  if (v.kind != Value::AddrOf && v.kind != Value::Function && !stablePointer)
    return;
  tu.stores.push_back({std::move(target), v});
}

// Walks an initialiser list alongside its type: fields by name, array
// elements as "[]".
void recordInit(TranslationUnit &tu, ExprPaths &paths, const Path &target,
                const Expr *init) {
  init = init->IgnoreParenImpCasts();
  const auto *list = dyn_cast<InitListExpr>(init);
  if (!list) {
    if (init->getType()->isPointerType() ||
        init->getType()->isFunctionPointerType())
      recordStore(tu, target, paths.valueOf(init));
    return;
  }
  if (list->isSemanticForm() && list->getType()->isArrayType()) {
    Path elem = target;
    elem.ops.push_back("[]");
    for (const Expr *e : list->inits())
      recordInit(tu, paths, elem, e);
    return;
  }
  if (const auto *rt = list->getType()->getAs<RecordType>()) {
    unsigned i = 0;
    for (const FieldDecl *fd : rt->getDecl()->fields()) {
      if (i >= list->getNumInits())
        break;
      Path field = target;
      field.ops.push_back("." + fd->getNameAsString());
      recordInit(tu, paths, field, list->getInit(i++));
    }
  }
}

void FunctionBuilder::noteStore(const Expr *lhs, const Expr *rhs) {
  if (!rhs || !lhs->getType()->isPointerType())
    return;
  recordStore(tu_, paths_.lvalue(lhs), paths_.valueOf(rhs));
}

void FunctionBuilder::noteAssign(const Expr *lhs, const Expr *rhs,
                                 SourceLocation at, Block &out) {
  noteStore(lhs, rhs);
  const VarDecl *vd = localVar(lhs);
  if (!vd) {
    std::string f = pathFlags_.empty() ? "" : pathFlag(lhs);
    if (!f.empty() && pathFlags_.count(f)) {
      Event e = event(EventKind::Assign, at);
      e.object = paths_.lvalue(lhs);
      e.object.key = f;
      out.events.push_back(std::move(e));
    }
    return;
  }
  if (rhs) {
    auto it = tryCalls_.find(rhs->IgnoreParenImpCasts());
    if (it != tryCalls_.end())
      tryVars_[vd] = it->second;
    else
      tryVars_.erase(vd);
  }
  // Flags (branch conditions) and pointers that move (`cur = next`): the
  // engine forgets what it knew about them.
  if (!flags_.count(vd) &&
      !(vd->getType()->isPointerType() && paths_.isReassigned(vd)))
    return;
  Event e = event(EventKind::Assign, at);
  e.object.root = RootKind::Local;
  e.object.name = vd->getNameAsString();
  e.object.key = names_.variableKey(vd, fd_);
  if (flags_.count(vd)) {
    Value v = assignedConstant(rhs, ctx_);
    if (v.kind != Value::Unknown)
      e.args.push_back(v);
  }
  out.events.push_back(std::move(e));
}

void FunctionBuilder::visitStmt(const Stmt *s, Block &out) {
  noteArmValue(s, out);
  if (const auto *call = dyn_cast<CallExpr>(s)) {
    visitCall(call, out);
  } else if (const auto *bo = dyn_cast<BinaryOperator>(s)) {
    if (bo->isAssignmentOp())
      noteAssign(bo->getLHS(), bo->isCompoundAssignmentOp() ? nullptr
                                                            : bo->getRHS(),
                 bo->getBeginLoc(), out);
  } else if (const auto *uo = dyn_cast<UnaryOperator>(s)) {
    if (uo->isIncrementDecrementOp())
      noteAssign(uo->getSubExpr(), nullptr, uo->getBeginLoc(), out);
  } else if (const auto *ds = dyn_cast<DeclStmt>(s)) {
    for (const Decl *d : ds->decls())
      if (const auto *vd = dyn_cast<VarDecl>(d))
        if (vd->hasInit() && vd->isLocalVarDecl()) {
          recordInit(tu_, paths_, paths_.variable(vd), vd->getInit());
          auto it = tryCalls_.find(vd->getInit()->IgnoreParenImpCasts());
          if (it != tryCalls_.end())
            tryVars_[vd] = it->second;
          if (flags_.count(vd)) {
            Event e = event(EventKind::Assign, vd->getLocation());
            e.object.root = RootKind::Local;
            e.object.name = vd->getNameAsString();
            e.object.key = names_.variableKey(vd, fd_);
            Value v = assignedConstant(vd->getInit(), ctx_);
            if (v.kind != Value::Unknown)
              e.args.push_back(v);
            out.events.push_back(std::move(e));
          }
        }
  } else if (const auto *ret = dyn_cast<ReturnStmt>(s)) {
    // The returned constant, if any: a try-acquire wrapper returns holding
    // its lock exactly when it returns one value.
    Event e = event(EventKind::Return, s->getBeginLoc());
    Value v = assignedConstant(ret->getRetValue(), ctx_);
    if (v.kind == Value::Null || v.kind == Value::Int)
      e.args.push_back(v);
    out.events.push_back(std::move(e));
  }
}

// `f(&var)` where `var` leaves scope.  A guard pointer initialised with the
// lock it took passes that lock on, so the cleanup's `unlock(*p)` releases
// what the guard's initialiser acquired.
void FunctionBuilder::visitCleanup(const CFGCleanupFunction &c, Block &out) {
  const VarDecl *vd = c.getVarDecl();
  const FunctionDecl *fn = c.getFunctionDecl();
  if (!vd || !fn)
    return;
  Event e = event(EventKind::Call, vd->getLocation());
  e.callee = names_.functionKey(fn);
  e.calleeName = fn->getNameAsString();
  Value guard;
  guard.kind = Value::AddrOf;
  guard.path = paths_.variable(vd);
  if (vd->getType()->isPointerType() && vd->hasInit())
    guard.holds = heldByGuard(vd->getInit());
  e.args.push_back(std::move(guard));
  out.events.push_back(std::move(e));
}

// The object a guard pointer's initialiser points to: `&m`, a pointer
// parameter, `(lock(&m), &m)`, or the argument of a function that returns it
// (`lock_and_return(&m)`; resolved only when it is its first argument).
Path FunctionBuilder::heldByGuard(const Expr *init) {
  init = init->IgnoreParenCasts();
  while (const auto *bo = dyn_cast<BinaryOperator>(init)) {
    if (bo->getOpcode() != BO_Comma)
      break;
    init = bo->getRHS()->IgnoreParenCasts();
  }
  if (const auto *call = dyn_cast<CallExpr>(init)) {
    const FunctionDecl *fd = call->getDirectCallee();
    if (!fd || call->getNumArgs() == 0 || !returnsFirstArgument(fd))
      return Path();
    init = call->getArg(0);
  }
  return paths_.pointee(init);
}

void FunctionBuilder::classifyBranch(const CFGBlock &b, Block &out) {
  if (b.succ_size() != 2)
    return;
  Truth t = reduceCondition(
      dyn_cast_or_null<Expr>(b.getTerminatorCondition()), ctx_);
  // In `if (f(a) != 0 || f(b) != 0)` the block evaluating `f(b)` ends in
  // the outer `||`, whose own condition is the whole left side: the
  // condition this block decides is its last evaluated one.
  if (!t.subject || !tryCalls_.count(t.subject)) {
    Truth last = reduceCondition(b.getLastCondition(), ctx_);
    if (last.subject && tryCalls_.count(last.subject))
      t = last;
  }
  if (!t.subject)
    return;
  const TryInfo *info = nullptr;
  auto call = tryCalls_.find(t.subject);
  if (call != tryCalls_.end())
    info = &call->second;
  const VarDecl *vd = localVar(t.flag());
  if (!info && vd) {
    auto var = tryVars_.find(vd);
    if (var != tryVars_.end())
      info = &var->second;
  }
  if (info) {
    out.branch.kind = info->spawn ? Branch::Spawn : Branch::TryLock;
    out.branch.event = info->event;
    // Condition true <=> subject non-zero XOR negated.
    bool trueMeansNonZero = !t.negated;
    out.branch.trueSucc = trueMeansNonZero == info->successNonZero ? 0 : 1;
    return;
  }
  auto cond = conditionalFlags_.find(t.subject->IgnoreParenImpCasts());
  if (!t.stored && cond != conditionalFlags_.end()) {
    setFlag(out.branch, t, cond->second);
    return;
  }
  if (vd && flags_.count(vd)) {
    setFlag(out.branch, t, names_.variableKey(vd, fd_));
    if (const auto *pd = dyn_cast<ParmVarDecl>(vd))
      out.branch.param = static_cast<int>(pd->getFunctionScopeIndex());
  } else if (!vd && isa_and_nonnull<IfStmt>(b.getTerminatorStmt())) {
    // Shared flags only from `if`: a loop condition is re-read because
    // other threads change it.
    std::string f = pathFlag(t.flag());
    if (!f.empty() && pathFlags_.count(f))
      setFlag(out.branch, t, f);
  }
}

void FunctionBuilder::setFlag(Branch &br, const Truth &t,
                              const std::string &var) {
  br.kind = Branch::Flag;
  br.var = var;
  br.trueSucc = t.negated ? 1 : 0;
  br.compare = t.compare;
  br.value = t.value;
}

void FunctionBuilder::visitBlock(const CFGBlock &b, Block &out) {
  tryCalls_.clear();
  tryVars_.clear();
  for (const CFGElement &el : b)
    if (auto s = el.getAs<CFGStmt>())
      visitStmt(s->getStmt(), out);
    else if (auto c = el.getAs<CFGCleanupFunction>())
      visitCleanup(*c, out);
  for (const CFGBlock::AdjacentBlock &s : b.succs()) {
    const CFGBlock *r = s.getReachableBlock();
    out.succs.push_back(r ? static_cast<int>(r->getBlockID()) : -1);
  }
  classifyBranch(b, out);
  out.noReturn = b.hasNoReturnElement();
  if (const Stmt *t = b.getTerminatorStmt())
    if (isa<ForStmt>(t) || isa<WhileStmt>(t) || isa<DoStmt>(t))
      out.loop = names_.loc(t->getBeginLoc());
}

void FunctionBuilder::build(Function &f) {
  CFG::BuildOptions opts;
  opts.setAllAlwaysAdd();
  // In C this adds only the calls of `__attribute__((cleanup(f)))`
  // functions where their variables leave scope: scoped guards (GLib's
  // g_autoptr lockers, systemd's _cleanup_, the kernel's guard()).
  opts.AddImplicitDtors = true;
  opts.AddInitializers = false;
  opts.AddTemporaryDtors = false;
  std::unique_ptr<CFG> cfg =
      CFG::buildCFG(fd_, fd_->getBody(), &ctx_, opts);
  if (!cfg)
    return;
  collectFlags(*cfg);
  collectDetachedAttrs();
  f.blocks.resize(cfg->getNumBlockIDs());
  for (const CFGBlock *b : *cfg)
    if (b)
      visitBlock(*b, f.blocks[b->getBlockID()]);
  markForkChildren(*cfg, fd_, f);
  f.entry = static_cast<int>(cfg->getEntry().getBlockID());
  f.exit = static_cast<int>(cfg->getExit().getBlockID());
  f.defined = true;
}

class TUBuilder : public RecursiveASTVisitor<TUBuilder> {
public:
  TUBuilder(ASTContext &ctx, TranslationUnit &tu)
      : ctx_(ctx), names_(ctx.getSourceManager()), tu_(tu) {}

  bool VisitFunctionDecl(FunctionDecl *fd) {
    const SourceManager &sm = ctx_.getSourceManager();
    if (sm.isInSystemHeader(fd->getLocation()))
      return true;
    std::string key = names_.functionKey(fd);
    bool defines = fd->doesThisDeclarationHaveABody();
    bool annotated = hasCapabilityAttr(fd);
    if (!defines && !annotated)
      return true;
    if (!defines && seen_.count(key))
      return true;
    Function f;
    f.key = key;
    f.name = fd->getNameAsString();
    f.loc = names_.loc(fd->getLocation());
    f.numParams = fd->getNumParams();
    if (defines) {
      FunctionBuilder(ctx_, names_, fd, tu_).build(f);
      // A definition replaces an earlier declaration-only record.
      if (seen_.count(key))
        for (Function &old : tu_.functions)
          if (old.key == key && !old.defined) {
            old = std::move(f);
            return true;
          }
    }
    seen_.insert(key);
    tu_.functions.push_back(std::move(f));
    return true;
  }

  bool VisitVarDecl(VarDecl *vd) {
    if (!vd->hasGlobalStorage() || vd->isStaticLocal() || !vd->hasInit() ||
        ctx_.getSourceManager().isInSystemHeader(vd->getLocation()))
      return true;
    ExprPaths paths(ctx_, names_, nullptr);
    Path target;
    target.root = RootKind::Global;
    target.name = vd->getNameAsString();
    target.key = names_.variableKey(vd, nullptr);
    recordInit(tu_, paths, target, vd->getInit());
    return true;
  }

  SourceNames &names() { return names_; }

private:
  static bool hasCapabilityAttr(const FunctionDecl *fd) {
    return fd->hasAttr<AcquireCapabilityAttr>() ||
           fd->hasAttr<ReleaseCapabilityAttr>() ||
           fd->hasAttr<TryAcquireCapabilityAttr>() ||
           fd->hasAttr<ExclusiveTrylockFunctionAttr>() ||
           fd->hasAttr<SharedTrylockFunctionAttr>();
  }
  ASTContext &ctx_;
  SourceNames names_;
  TranslationUnit &tu_;
  std::set<std::string> seen_;
};

} // namespace

TranslationUnit buildFacts(ASTContext &ctx) {
  TranslationUnit tu;
  TUBuilder b(ctx, tu);
  const SourceManager &sm = ctx.getSourceManager();
  tu.file = b.names().file(sm.getMainFileID());
  b.TraverseDecl(ctx.getTranslationUnitDecl());
  collectLockInitFacts(ctx, b.names(), tu);
  collectThreadHandleFacts(ctx, b.names(), tu);
  collectPointerFacts(ctx, b.names(), tu);
  collectOrderFacts(ctx, b.names(), tu);
  collectFdFacts(ctx, b.names(), tu);
  collectGateFacts(ctx, b.names(), tu);
  return tu;
}

} // namespace facts
} // namespace coffman
