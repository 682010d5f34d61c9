// Thread contexts: `main` plus every routine started by pthread_create or
// thrd_create, found by following summaries from main (so the argument of
// pthread_create(&t, 0, worker, &pool) instantiates worker's param0->...
// paths), then from each started routine, then any creation site the walk
// did not reach (argument unknown).  A context started in a loop, or whose
// routine is also started elsewhere, may run alongside itself.
#ifndef COFFMAN_PROGRAM_THREADS_H
#define COFFMAN_PROGRAM_THREADS_H

#include "program/Summaries.h"

#include <string>
#include <vector>

namespace coffman {
namespace program {

struct ThreadContext {
  std::string routine;        // function key; "main" for the main thread
  std::string routineName;
  bool isMain = false;
  facts::Value arg;           // resolved argument (program terms)
  SourceLoc site;             // where it is started (empty for main)
  std::vector<CallSite> chain; // from the starting context's routine
  int parent = -1;            // index of the context that starts it
  bool multiple = false;      // may run concurrently with itself
  std::string handle;         // identity of its pthread_t in the parent
  std::vector<std::string> runningBefore; // parent's unjoined handles then
};

class Threads {
public:
  void compute(const Program &program);
  const std::vector<ThreadContext> &contexts() const { return contexts_; }
  // Can an event of context a and one of context b run at the same time?
  bool concurrent(int a, int b) const;

private:
  void addFrom(const Program &program, int parent);
  std::vector<ThreadContext> contexts_;
};

constexpr size_t kMaxContexts = 256;

} // namespace program
} // namespace coffman

#endif
