// The lockset dataflow over one function's skeleton CFG (facts::Function).
//
// State is a small set of paths (PathState), each with its own exact list of
// held locks, the values of flags tested on the way (so
// `if (f) lock ... if (f) unlock` is understood), the trylock outcomes, and
// the thread handles started but not yet joined.  A flag is kept only while
// some later branch can still read it (it is live), so paths that differ in
// a flag nobody tests again are one path.  At most kMaxPaths states per
// block; beyond that, paths holding the same locks are folded first (keeping
// the flags they agree on), and only then is everything merged (may-held,
// flags dropped).
//
// Callee effects come from summaries (Summaries.h): a call to a function
// that returns holding a lock (a wrapper) makes the lock held at the call
// site; one that releases a caller's lock removes it.  Checks that need the
// locks held at an event (blocking-while-locked, ...) run this engine with
// an EventHook: it is called once per event and distinct incoming state,
// after the fixpoint, so hooks never see intermediate guesses.
#ifndef COFFMAN_PROGRAM_LOCKSET_H
#define COFFMAN_PROGRAM_LOCKSET_H

#include "facts/Facts.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace coffman {
namespace program {

using facts::Path;
using facts::SourceLoc;

// One step of a call chain: `callee` called at `loc` inside `caller`.
struct CallSite {
  SourceLoc loc;
  std::string caller; // function name (display)
  std::string callee;
};

// A call chain, shared between the many edges and acquisitions that
// carry it: summaries copy held locks often, and a deep chain copied with
// each made summaries cost gigabytes.  Immutable once made.
class CallChain {
public:
  CallChain() = default;
  CallChain(std::vector<CallSite> v)
      : sites_(v.empty() ? nullptr
                         : std::make_shared<const std::vector<CallSite>>(
                               std::move(v))) {}
  using const_iterator = std::vector<CallSite>::const_iterator;
  const std::vector<CallSite> &sites() const {
    static const std::vector<CallSite> none;
    return sites_ ? *sites_ : none;
  }
  const_iterator begin() const { return sites().begin(); }
  const_iterator end() const { return sites().end(); }
  size_t size() const { return sites().size(); }
  bool empty() const { return sites().empty(); }
  const CallSite &front() const { return sites().front(); }
  const CallSite &back() const { return sites().back(); }
  const CallSite &operator[](size_t i) const { return sites()[i]; }
  void clear() { sites_.reset(); }

private:
  std::shared_ptr<const std::vector<CallSite>> sites_;
};

struct HeldLock {
  Path lock;
  facts::LockKind kind = facts::LockKind::Unknown;
  facts::Access access = facts::Access::Exclusive;
  facts::AcquireMode mode = facts::AcquireMode::Blocking;
  SourceLoc at;                 // where it was taken (or the wrapper call)
  CallChain chain;              // from the summarised function down to `at`
};

// What a path knows about one branch variable: `var` is non-zero (with
// `compare`: equals `value`) exactly when `holds`.
struct FlagFact {
  std::string var;
  bool compare = false;
  long long value = 0;
  bool holds = false;
  bool operator==(const FlagFact &o) const {
    return var == o.var && compare == o.compare && value == o.value &&
           holds == o.holds;
  }
};

// Whether the test `var != 0` (with `compare`: `var == value`) holds given
// `facts`: 1 or 0, or -1 when they do not say.
int decide(const std::vector<FlagFact> &facts, const std::string &var,
           bool compare, long long value);

struct PathState {
  std::vector<HeldLock> held;     // in acquisition order
  std::vector<FlagFact> flags;    // at most a few per variable
  std::vector<std::string> running; // identities of unjoined thread handles
  // Handles joined here that this function did not start (its caller's
  // threads, e.g. stop_workers() joining what start_workers() started).
  std::vector<std::string> joined;
  std::string key() const;
  const HeldLock *find(const Path &p) const;
};

class Summaries;

struct EventVisit {
  const facts::Function &fn;
  unsigned block;
  unsigned index;     // of the event in the block
  const facts::Event &event;
  const PathState &before;
  bool inLoop;        // the block lies on a CFG cycle
};
using EventHook = std::function<void(const EventVisit &)>;
// Called with each distinct state reaching the function's exit.
using ExitHook = std::function<void(const PathState &)>;

// What the engine does at a Call event (the summary layer plugs in here).
struct CallEffects {
  virtual ~CallEffects() = default;
  virtual void apply(const facts::Function &fn, const facts::Event &call,
                     bool inLoop, PathState &state) = 0;
  // An unlock of a lock not held on this path (a release wrapper's body).
  virtual void unmatchedUnlock(const facts::Event &, const PathState &) {}
};

constexpr unsigned kMaxPaths = 8;
constexpr unsigned kMaxHeld = 16;

class LocksetEngine {
public:
  LocksetEngine(const facts::Function &fn, CallEffects *calls)
      : fn_(fn), calls_(calls) {}
  // What is known at the entry (a constant argument's parameter).
  void assume(std::vector<FlagFact> entry) { entry_ = std::move(entry); }
  // Runs to a fixpoint, then replays every block once calling the hooks.
  void run(const EventHook &onEvent, const ExitHook &onExit);
  bool blockInLoop(unsigned b) const {
    return b < inLoop_.size() && inLoop_[b];
  }

private:
  void computeLoops();
  void computeLiveFlags();
  void dropDeadFlags(PathState &s, unsigned b) const;
  void step(unsigned b, PathState s, const EventHook *hook,
            std::vector<std::vector<PathState>> &out);
  void apply(const facts::Event &e, unsigned b, PathState &s);
  bool addState(std::vector<PathState> &set, std::vector<std::string> &keys,
                PathState s);
  bool foldInto(std::vector<PathState> &set, PathState s);

  const facts::Function &fn_;
  CallEffects *calls_;
  std::vector<FlagFact> entry_;
  std::vector<bool> inLoop_;
  // Per block: handles joined somewhere in the block's loop.  Entering such
  // a loop counts as joining them: `for (i..n) join(t[i])` runs as often as
  // the creating loop did, never zero times after it.
  std::vector<std::vector<std::string>> loopJoins_;
  // Per block: the flags (branch variables) some path from its entry tests
  // before anything kills them.
  std::vector<std::vector<std::string>> liveFlags_;
};

// Lock-set helpers shared by the engine and the summary layer.
void acquire(PathState &s, HeldLock h);
// Removes the most recent hold of `p` (exactly, else one of the same class);
// false if nothing matched.
bool release(PathState &s, const Path &p);
// A join: the handle stops running, or is noted as a caller's thread joined.
void joinHandle(PathState &s, const std::string &id);

} // namespace program
} // namespace coffman

#endif
