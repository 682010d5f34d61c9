// Bottom-up function summaries, in terms of the function's own parameters
// and globals, instantiated at each call site (facts/Instantiate.h):
//  - acquires: every lock taken (blocking) by the function or its callees;
//  - edges: "holding A while acquiring B" pairs, with the other locks held
//    (gate candidates) and whether threads started by this function's
//    caller chain may be running;
//  - leavesHeld / releases: wrapper effects (acquired on every path to the
//    exit and not released; released without being acquired);
//  - starts / joins: threads started (with their argument) and handles
//    joined, for thread contexts and the main-phase rule.
// Recursion: each call-graph SCC is iterated a bounded number of times.
// A call passing constants its callee branches on gets a summary of the
// callee made for those values (ConstantArgs.h), computed on first use.
#ifndef COFFMAN_PROGRAM_SUMMARIES_H
#define COFFMAN_PROGRAM_SUMMARIES_H

#include "program/ConstantArgs.h"
#include "program/Lockset.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace coffman {
namespace program {

class Program;

struct Acquisition {
  HeldLock lock; // lock.at = the acquiring call, lock.chain = calls to it
};

struct OrderEdge {
  HeldLock from;                  // held
  HeldLock to;                    // being acquired (blocking)
  std::vector<HeldLock> alsoHeld; // other locks held meanwhile
  bool threadsRunning = false;    // threads this function started still run
  std::vector<std::string> running; // their handles (identities)
  std::vector<std::string> joinedBefore; // caller's threads joined by then
};

struct ThreadStart {
  std::string routine;      // function key ("" if unresolved)
  std::string routineName;
  facts::Value arg;         // in the summarised function's terms
  Path handle;
  SourceLoc site;           // the pthread_create / thrd_create call
  CallChain chain;             // from the summarised function to the site
  bool inLoop = false;      // started repeatedly
  bool detached = false;
  // Handles (identities) of threads still running when this one starts,
  // so threads run one after the other are not taken as concurrent.
  std::vector<std::string> runningBefore;
};

struct Summary {
  std::vector<Acquisition> acquires;
  std::vector<OrderEdge> edges;
  std::vector<HeldLock> leavesHeld;
  std::vector<Path> releases;
  std::vector<ThreadStart> starts;
  std::vector<Path> joins;     // param/global handles joined
  std::vector<Path> leavesRunning; // handles started and not joined
  size_t size() const {
    return acquires.size() + edges.size() + leavesHeld.size() +
           releases.size() + starts.size() + joins.size() +
           leavesRunning.size();
  }
};

// Instantiates a callee's summary entries in the caller's terms.
HeldLock instantiateHeld(const HeldLock &h, const std::vector<facts::Value> &args);
facts::Value instantiateValue(const facts::Value &v,
                              const std::vector<facts::Value> &args);

constexpr size_t kMaxEdgesPerFunction = 4096;
// Past this many edges in all summaries, each function keeps only
// kMaxEdgesWhenCut more: a generated file of thousands of functions calling
// each other under locks would otherwise cost gigabytes.
constexpr size_t kEdgeBudget = 200000;
constexpr size_t kMaxEdgesWhenCut = 64;
constexpr size_t kMaxChain = 8; // call sites kept per acquisition

class Summaries {
public:
  // Computes all summaries of `program`'s defined functions, callees first.
  void compute(const Program &program);
  const Summary *get(const std::string &key) const {
    auto it = byKey_.find(key);
    return it == byKey_.end() ? nullptr : &it->second;
  }
  // The summary of `call`'s callee for this call: specialised to the
  // constant arguments its branches test, else the general one.  `caller`
  // are the known parameters of the function making the call.
  const Summary *forCall(const facts::Event &call,
                         const KnownArgs &caller = {}) const;
  // How many edges a function's summary may hold now; and whether some
  // summary was cut by a limit, so findings through it may be missed.
  size_t edgeLimit() const {
    return totalEdges_ < kEdgeBudget ? kMaxEdgesPerFunction
                                     : kMaxEdgesWhenCut;
  }
  void noteCut() const { cut_ = true; }
  bool precisionCut() const { return cut_; }

private:
  Summary build(const facts::Function &fn, const KnownArgs &known) const;
  void forgetSpecialised(const std::string &key);
  std::map<std::string, Summary> byKey_;
  const Program *program_ = nullptr;
  ParamBranches params_;
  // "key|param=value;..." -> summary; filled lazily by forCall.
  mutable std::map<std::string, Summary> specialised_;
  mutable std::set<std::string> inProgress_;
  size_t totalEdges_ = 0;
  mutable bool cut_ = false;
};

constexpr unsigned kRecursionRounds = 3;

} // namespace program
} // namespace coffman

#endif
