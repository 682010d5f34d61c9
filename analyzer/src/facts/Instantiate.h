// Rewrites a callee's parameter-relative path in a caller's terms, given the
// values the call passes: param0->mu with argument &a becomes a.mu; with an
// argument that is the caller's own parameter 1 it becomes param1->mu; with
// an unnameable pointer it becomes the class `struct account.mu`.
#ifndef COFFMAN_FACTS_INSTANTIATE_H
#define COFFMAN_FACTS_INSTANTIATE_H

#include "facts/Facts.h"

#include <vector>

namespace coffman {
namespace facts {

Path instantiate(const Path &p, const std::vector<Value> &args);
// Applies one dereference op ("->f", "*", "[]") to a pointer value.
Path derefValue(const Value &v, const std::string &op,
                const std::string &pointee);
// The class a path falls back to when a pointer on it cannot be named:
// param0->mu (unknown argument) or acc->mu (heap pointer) becomes
// `struct account.mu`.  Paths without a dereference are returned as is.
Path toClass(const Path &p);
bool isDeref(const std::string &op);

} // namespace facts
} // namespace coffman

#endif
