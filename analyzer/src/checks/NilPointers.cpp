#include "checks/NilPointers.h"

#include "checks/PathText.h"
#include "facts/Instantiate.h"
#include "facts/PointerFacts.h"

#include <algorithm>

namespace coffman {
namespace checks {

using namespace facts;

namespace {

bool onlyFields(const std::vector<std::string> &ops, size_t from = 0) {
  for (size_t i = from; i < ops.size(); i++)
    if (ops[i].empty() || ops[i][0] != '.')
      return false;
  return true;
}

bool isArrowField(const std::string &op) {
  return op.size() > 2 && op.compare(0, 2, "->") == 0 && op != "->[]";
}

Path rootOf(const Path &p) {
  Path r = p;
  r.ops.clear();
  r.pointee.clear();
  return r;
}

} // namespace

std::vector<Path> pointerSlots(const Path &object) {
  std::vector<Path> out;
  if (object.root != RootKind::Param && object.root != RootKind::Global &&
      object.root != RootKind::Local)
    return out;
  for (size_t k = 0; k < object.ops.size(); k++) {
    if (!isDeref(object.ops[k]) && object.ops[k] != "->[]")
      continue;
    Path slot = object;
    slot.ops.resize(k);
    slot.pointee.clear();
    out.push_back(slot);
  }
  return out;
}

NilPointers::NilPointers(const program::Program &p) : p_(p) {
  for (const TranslationUnit &tu : p.units()) {
    writes_.insert(tu.pointerWrites.begin(), tu.pointerWrites.end());
    for (const SlotDecl &d : tu.pointerDecls)
      decls_.emplace(rootOf(d.var).identity(), d.loc);
  }
  for (const Function *fn : p.functions())
    for (const Block &b : fn->blocks)
      for (const Event &e : b.events)
        if ((e.kind == EventKind::Call ||
             e.kind == EventKind::ThreadCreate) &&
            p.function(e.callee))
          sites_[e.callee].push_back({fn, &e});
  computeParams();
}

bool NilPointers::tests(const Function &fn, const Path &slot) const {
  const std::string id = slot.identity();
  return std::find(fn.nullTested.begin(), fn.nullTested.end(), id) !=
         fn.nullTested.end();
}

// A named slot nothing in the program ever sets: its variable is defined
// in the program, and neither the slot, nor an object containing it, nor a
// field of its name through some pointer is ever written.
bool NilPointers::neverSet(const Path &slot) const {
  if ((slot.root != RootKind::Global && slot.root != RootKind::Local) ||
      !onlyFields(slot.ops) || !decls_.count(rootOf(slot).identity()))
    return false;
  Path prefix = rootOf(slot);
  for (size_t i = 0;; i++) {
    if (writes_.count(prefix.identity()))
      return false;
    if (i == slot.ops.size())
      break;
    prefix.ops.push_back(slot.ops[i]);
  }
  std::string field = lastField(slot);
  return field.empty() || !writes_.count(fieldWriteKey(field));
}

// `a->jobs` where some caller passes `&args` and `args.jobs` is never set.
bool NilPointers::fieldOfParamNull(const Function &fn, const Path &slot,
                                   NullOrigin *origin) const {
  if (slot.ops.empty() || !isArrowField(slot.ops[0]) || !onlyFields(slot.ops, 1))
    return false;
  auto it = sites_.find(fn.key);
  if (it == sites_.end())
    return false;
  for (const Site &s : it->second) {
    const std::vector<Value> &args = s.event->args;
    if (slot.param >= args.size() || args[slot.param].kind != Value::AddrOf)
      continue;
    Path named = instantiate(slot, args);
    if (!neverSet(named) || tests(*s.caller, named))
      continue;
    if (origin) {
      origin->steps.push_back(
          {"`" + display(named, s.caller) + "` is never set to anything "
           "but NULL", decls_.at(rootOf(named).identity())});
      origin->steps.push_back(
          {"`" + s.event->calleeName + "` is given `&" +
               display(args[slot.param].path, s.caller) + "` here",
           s.event->loc});
    }
    return true;
  }
  return false;
}

bool NilPointers::slotNull(const Function &fn, const Path &slot,
                           NullOrigin *origin) const {
  if (tests(fn, slot))
    return false;
  if (slot.root == RootKind::Param) {
    if (!slot.ops.empty())
      return fieldOfParamNull(fn, slot, origin);
    auto it = params_.find({fn.key, slot.param});
    if (it == params_.end())
      return false;
    if (origin)
      *origin = it->second;
    return true;
  }
  if (!neverSet(slot))
    return false;
  if (origin)
    origin->steps = {{"`" + display(slot, &fn) + "` is never set to "
                      "anything but NULL",
                      decls_.at(rootOf(slot).identity())}};
  return true;
}

bool NilPointers::isNull(const Function &fn, const Value &v,
                         NullOrigin *origin) const {
  if (v.kind == Value::Null)
    return true;
  // Only pointers: an int nobody writes is no NULL.
  if (v.kind != Value::Load || v.pointee.empty())
    return false;
  return slotNull(fn, v.path, origin);
}

bool NilPointers::flowInto(const Function &caller, const Event &e,
                           const Value &arg, const std::string &callee,
                           unsigned index) {
  const Function *target = p_.function(callee);
  ParamKey k{callee, index};
  if (!target || params_.count(k))
    return false;
  Path param;
  param.root = RootKind::Param;
  param.param = index;
  param.name = param.key = "param" + std::to_string(index);
  if (tests(*target, param))
    return false; // the callee handles NULL
  NullOrigin o;
  if (!isNull(caller, arg, &o))
    return false;
  std::string with = arg.kind == Value::Null
                         ? "NULL"
                         : "`" + display(arg.path, &caller) + "` (NULL)";
  o.steps.push_back(
      {e.kind == EventKind::ThreadCreate
           ? "thread running `" + e.calleeName + "` started with " + with +
                 " here"
           : "`" + e.calleeName + "` called with " + with + " here",
       e.loc});
  params_[k] = std::move(o);
  return true;
}

// Parameters receiving NULL, to a fixpoint over parameters passed on.
void NilPointers::computeParams() {
  for (int round = 0; round < 8; round++) {
    bool changed = false;
    for (const auto &entry : sites_)
      for (const Site &s : entry.second) {
        const Event &e = *s.event;
        for (unsigned i = 0; i < e.args.size(); i++)
          changed |= flowInto(*s.caller, e, e.args[i], e.callee, i);
      }
    if (!changed)
      break;
  }
}

} // namespace checks
} // namespace coffman
