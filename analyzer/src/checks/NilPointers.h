// Which pointers are NULL on some run, as a function sees them, and how the
// NULL got there: for the nil-object rules of never-signaled-wait (Go's
// receive from a nil channel, in C).
//
// A pointer is NULL when it is
//  - a NULL constant passed at a call or thread start;
//  - a named slot (a global or static pointer, a field of a global or of an
//    initialised local aggregate) that no code in the program ever sets to
//    anything but NULL (facts/PointerFacts.h says what "sets" counts);
//  - a parameter that receives such a NULL at some call or thread start,
//    directly or through parameters passed on unchanged;
//  - a field of the object a parameter points to, when some caller passes
//    the address of a named object whose field is never set.
// A pointer the function tests against NULL anywhere (`if (q)`, `q ==
// NULL`) is taken as handled there and is never NULL for these rules, nor
// passed on as NULL.
#ifndef COFFMAN_CHECKS_NILPOINTERS_H
#define COFFMAN_CHECKS_NILPOINTERS_H

#include "checks/Finding.h"
#include "program/Program.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace coffman {
namespace checks {

// How a NULL reached a pointer: the declarations and sites on the way,
// outermost first.
struct NullOrigin {
  std::vector<FindingNote> steps;
};

class NilPointers {
public:
  explicit NilPointers(const program::Program &p);

  // Is the value `v`, as `fn` sees it, NULL on some run?
  bool isNull(const facts::Function &fn, const facts::Value &v,
              NullOrigin *origin) const;
  // Is the pointer stored at `slot` (a path naming a pointer lvalue in
  // `fn`'s terms; a Param root with no ops is the parameter's value) NULL?
  bool slotNull(const facts::Function &fn, const facts::Path &slot,
                NullOrigin *origin) const;
  bool tests(const facts::Function &fn, const facts::Path &slot) const;

private:
  using ParamKey = std::pair<std::string, unsigned>;
  struct Site {
    const facts::Function *caller;
    const facts::Event *event;
  };

  void computeParams();
  bool flowInto(const facts::Function &caller, const facts::Event &e,
                const facts::Value &arg, const std::string &callee,
                unsigned index);
  bool neverSet(const facts::Path &slot) const;
  bool fieldOfParamNull(const facts::Function &fn, const facts::Path &slot,
                        NullOrigin *origin) const;

  const program::Program &p_;
  std::set<std::string> writes_;
  std::map<std::string, facts::SourceLoc> decls_; // root identity -> decl
  std::map<ParamKey, NullOrigin> params_;
  std::map<std::string, std::vector<Site>> sites_; // callee key -> callers
};

// The pointer slots a wait's object is reached through, outermost first:
// `q->inner->cv` in function terms gives `q` and `q->inner`.
std::vector<facts::Path> pointerSlots(const facts::Path &object);

} // namespace checks
} // namespace coffman

#endif
