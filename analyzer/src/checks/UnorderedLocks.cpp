#include "checks/UnorderedLocks.h"

#include "checks/PathText.h"
#include "facts/Instantiate.h"
#include "facts/OrderFacts.h"

#include <algorithm>

namespace coffman {
namespace checks {

using namespace facts;
using program::HeldLock;

namespace {

bool isElement(const Path &p) {
  return std::find(p.ops.begin(), p.ops.end(), "[]") != p.ops.end();
}

std::string locKey(const SourceLoc &l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
}

// Names one object of its own (a global, a local, or what a named pointer
// points to), so two different such names are two objects.  Classes and
// array elements may be any instance.
bool identified(const Path &p) {
  return (p.root == RootKind::Global || p.root == RootKind::Local) &&
         !isElement(p);
}

std::string edgeKey(const HeldLock &from, const HeldLock &to) {
  return locKey(from.at) + ">" + locKey(to.at);
}

bool fieldOp(const std::string &op) {
  return (op.size() > 2 && op.compare(0, 2, "->") == 0 && op != "->[]") ||
         (!op.empty() && op[0] == '.');
}

std::string fieldName(const std::string &op) {
  return op[0] == '.' ? op.substr(1) : op.substr(2);
}

} // namespace

std::string lockClassKey(const Path &p) {
  if (!p.known() || p.opaque())
    return "";
  if (isElement(p) && p.root != RootKind::Param)
    return p.identity();
  Path c = toClass(p);
  bool named = c.root == RootKind::Global || c.root == RootKind::Local;
  if (!c.known() || c.opaque() || named)
    return "";
  return c.identity();
}

UnorderedLocks::UnorderedLocks(const program::Program &p,
                               const ThreadStarts &threads)
    : p_(p), threads_(threads) {
  for (const TranslationUnit &tu : p.units())
    links_.insert(tu.linkFields.begin(), tu.linkFields.end());
  // Each thread context's nestings with its own arguments, resolved to
  // program-wide names: unless both become distinct named objects, the two
  // instances cannot be told apart there.
  const auto &ctxs = p.threads().contexts();
  for (const program::ThreadContext &c : ctxs) {
    const program::Summary *s = p.summaries().get(c.routine);
    if (!s)
      continue;
    std::vector<Value> args;
    if (!c.isMain)
      args.push_back(c.arg);
    for (const program::OrderEdge &e : s->edges) {
      std::string k = edgeKey(e.from, e.to);
      seen_.insert(k);
      if (c.isMain && !e.threadsRunning)
        continue; // no other thread runs yet
      Path from = p.resolve(program::instantiateHeld(e.from, args).lock);
      Path to = p.resolve(program::instantiateHeld(e.to, args).lock);
      if (!(identified(from) && identified(to) && !(from == to)))
        merged_.insert(k);
    }
  }
}

std::vector<UnorderedLocks::Acquired>
UnorderedLocks::acquisitions(const program::EventVisit &v) const {
  std::vector<Acquired> out;
  const Event &e = v.event;
  if (e.kind == EventKind::Lock && e.mode == AcquireMode::Blocking) {
    Acquired a;
    a.lock.lock = e.lock;
    a.lock.kind = e.lockKind;
    a.lock.access = e.access;
    a.lock.at = e.loc;
    out.push_back(a);
  } else if (e.kind == EventKind::Call) {
    if (const program::Summary *s = p_.summaries().get(e.callee))
      for (const program::Acquisition &x : s->acquires) {
        Acquired a;
        a.lock = program::instantiateHeld(x.lock, e.args);
        a.call = &e;
        // A wrapper's lock is taken at the call, as summaries record it.
        for (const HeldLock &w : s->leavesHeld)
          if (w.lock == x.lock.lock)
            a.lock.at = e.loc;
        out.push_back(a);
      }
  }
  return out;
}

// Is `b` reached through a link of its own structure (`cur->next->mu`
// while holding `cur->mu`)?  Then it is walked in the structure's order.
static bool throughLink(const Path &b, const std::set<std::string> &links) {
  if (b.ops.size() < 2 || !fieldOp(b.ops[b.ops.size() - 2]))
    return false;
  Path c = toClass(b);
  return c.root == RootKind::Class &&
         links.count(c.name + "." + fieldName(b.ops[b.ops.size() - 2]));
}

// Reached through a pointer kept in a global or static (`x->mu`,
// `cfg.primary->mu`): the pointer's name names the lock for the code.
static bool viaGlobalPointer(const Path &p) {
  if (p.root != RootKind::Global)
    return false;
  for (const std::string &op : p.ops) {
    if (isDeref(op) || op == "->[]")
      return op != "->[]";
    if (op.empty() || op[0] != '.')
      return false;
  }
  return false;
}

bool UnorderedLocks::knownOrder(const program::EventVisit &v,
                                const HeldLock &a, const HeldLock &b) const {
  if (a.access == Access::Shared && b.access == Access::Shared)
    return true;
  // Two different global pointers: `x` before `y` is the code's order.
  if (viaGlobalPointer(a.lock) && viaGlobalPointer(b.lock) &&
      ownerKey(a.lock) != ownerKey(b.lock))
    return true;
  if (throughLink(b.lock, links_))
    return true;
  const std::vector<std::string> &pairs = v.fn.comparedPairs;
  if (isElement(a.lock) && isElement(b.lock) && !pairs.empty())
    return true;
  if (std::find(pairs.begin(), pairs.end(),
                comparedPair(ownerKey(a.lock), ownerKey(b.lock))) !=
      pairs.end())
    return true;
  for (const HeldLock &g : v.before.held)
    if (g.lock.known() && !(g.lock == a.lock) &&
        g.access == Access::Exclusive && lockClassKey(g.lock).empty() &&
        (g.lock.root == RootKind::Global || g.lock.root == RootKind::Local))
      return true; // a gate
  return false;
}

// In some concurrent thread context the two stay one name, or no context
// reaches the nesting at all (it runs with arguments we do not know).
bool UnorderedLocks::runTimeOrder(const HeldLock &a, const HeldLock &b) const {
  std::string k = edgeKey(a, b);
  return !seen_.count(k) || merged_.count(k);
}

void UnorderedLocks::onEvent(const program::EventVisit &v,
                             std::vector<Finding> &out) {
  if (v.before.held.empty())
    return;
  for (const Acquired &b : acquisitions(v)) {
    std::string cls = lockClassKey(b.lock.lock);
    if (cls.empty())
      continue;
    for (const HeldLock &a : v.before.held) {
      if (lockClassKey(a.lock) != cls ||
          (a.lock == b.lock.lock && !isElement(a.lock)))
        continue;
      if (knownOrder(v, a, b.lock) || !runTimeOrder(a, b.lock))
        continue;
      report(v, a, b, out);
      return;
    }
  }
}

void UnorderedLocks::report(const program::EventVisit &v, const HeldLock &a,
                            const Acquired &b,
                            std::vector<Finding> &out) const {
  Finding f;
  f.kind = COFFMAN_BLOCKING_WHILE_LOCKED;
  f.loc = v.event.loc;
  std::string held = display(a.lock, &v.fn);
  std::string want = display(b.lock.lock, &v.fn);
  Path cls = toClass(b.lock.lock);
  std::string shared = isElement(b.lock.lock) && cls.root != RootKind::Class
                           ? "elements of one array"
                           : "two `" + cls.name + "` objects";
  std::string what = b.call ? "call to `" + b.call->calleeName +
                                  "` acquires `" + want + "`"
                            : "`" + v.event.calleeName + "` of `" + want +
                                  "`";
  f.message = what + " while holding `" + held + "` (acquired at " +
              where(a.at) + "), in no known order: both are " + shared +
              ", and which comes first is decided at run time, so two "
              "threads can take them in opposite orders";
  addHeldNotes(a, &v.fn, f.notes);
  if (b.call)
    f.notes.push_back({"`" + b.call->calleeName + "` acquires `" + want +
                           "` here",
                       b.lock.at});
  threads_.addNotes(v.fn.key, f.notes);
  f.fix = "take the two locks in one order everywhere (compare the objects, "
          "e.g. by address or id, and lock the smaller first), or take the "
          "second with a trylock and back off";
  out.push_back(std::move(f));
}

} // namespace checks
} // namespace coffman
