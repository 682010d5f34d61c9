// Where threads are started and which routine each runs, for findings'
// notes ("thread running `worker` started here") and for the checks that
// only concern thread routines.  Besides pthread_create(&t, 0, worker, 0),
// a helper that starts the routine it is given
// (`start_detached(worker, arg)`) is resolved at its call sites.
#ifndef COFFMAN_CHECKS_THREADSITES_H
#define COFFMAN_CHECKS_THREADSITES_H

#include "checks/Finding.h"
#include "program/Program.h"

#include <set>
#include <string>
#include <vector>

namespace coffman {
namespace checks {

struct RoutineStart {
  std::string routine;     // function key
  std::string routineName;
  facts::SourceLoc site;   // the pthread_create / thrd_create
  facts::SourceLoc via;    // the helper call passing the routine, if any
  const facts::Function *creator = nullptr;
  const facts::Event *create = nullptr;
};

// Built once per check run; cheap queries afterwards.
class ThreadStarts {
public:
  explicit ThreadStarts(const program::Program &p);
  const std::vector<RoutineStart> &all() const { return starts_; }
  // Is `key` started as a thread routine somewhere?
  bool isRoutine(const std::string &key) const {
    return routines_.count(key) != 0;
  }
  // Adds one note per site starting a thread that runs `key` or reaches it
  // through calls (at most a few).
  void addNotes(const std::string &key,
                std::vector<FindingNote> &notes) const;

private:
  const program::Program &p_;
  std::vector<RoutineStart> starts_;
  std::set<std::string> routines_;
};

} // namespace checks
} // namespace coffman

#endif
