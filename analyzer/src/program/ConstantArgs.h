// Constant arguments and the callee branches they decide.
//
// `maxconns_handler(-42, 0, 0)` with `if (fd == -42) reschedule(); else
// accept_new_conns(true);` never takes the else side, and `log_to(NULL)`
// with `if (!sink) return;` does nothing.  A summary computed for every
// possible argument keeps the side that cannot run at this call, so callees
// whose branches test a parameter passed a constant here get a summary of
// their own for this call (Summaries::forCall), computed with the
// parameter's value known at the entry.  Parameters that are only passed
// on to such a callee count too: `set_mode(false)` reaching `if (!mode)`
// two calls down.
#ifndef COFFMAN_PROGRAM_CONSTANTARGS_H
#define COFFMAN_PROGRAM_CONSTANTARGS_H

#include "program/Lockset.h"

#include <map>
#include <string>
#include <vector>

namespace coffman {
namespace program {

class Program;

// A parameter whose value the call site fixes.
struct KnownArg {
  unsigned param = 0;
  bool exact = true;    // `value` is the argument; else only "non-zero"
  long long value = 0;  // (the address of an object, a function)
};
using KnownArgs = std::vector<KnownArg>;

// The arguments of `call` known at the call site: constants, NULL,
// addresses, and the caller's own known parameters passed on.
KnownArgs knownArgs(const facts::Event &call, const KnownArgs &caller);

// For each defined function, the parameters a branch tests, in the function
// or in a callee it passes them to.
class ParamBranches {
public:
  void compute(const Program &program);
  // nullptr when the function tests none of its parameters.
  const std::vector<bool> *tested(const std::string &key) const;

private:
  std::vector<bool> scan(const facts::Function &fn) const;
  std::map<std::string, std::vector<bool>> tested_;
};

// The known arguments a function's branches can use ("" if none): the key
// of its specialised summary.  `kept` receives those arguments.
std::string specialisation(const std::vector<bool> &tested,
                           const KnownArgs &known, KnownArgs &kept);

// What `known` says at the entry of `fn`: a fact per flag it branches on.
std::vector<FlagFact> entryFacts(const facts::Function &fn,
                                 const KnownArgs &known);

} // namespace program
} // namespace coffman

#endif
