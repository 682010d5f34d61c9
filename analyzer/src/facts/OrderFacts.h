// Facts about how a function orders objects at run time, for the
// blocking-while-locked rule on locks of one class taken in an order only
// run-time values decide (`lock(&a->mu); lock(&b->mu);`).  Code that puts
// such locks in a known order compares the two objects first (`if (a < b)`,
// `if (a->id < b->id)`): Function::comparedPairs records every relational
// comparison of two non-constant operands, each side by the object it is
// about (ownerKey).
#ifndef COFFMAN_FACTS_ORDERFACTS_H
#define COFFMAN_FACTS_ORDERFACTS_H

#include "facts/Facts.h"
#include "facts/SourceNames.h"

#include "clang/AST/ASTContext.h"

#include <string>

namespace coffman {
namespace facts {

void collectOrderFacts(clang::ASTContext &ctx, SourceNames &names,
                       TranslationUnit &tu);

// The object a path is a field of, as an identity: `a->mu` and `a->id` are
// about the object `a` points to ("P0|" for a parameter), `x.mu` about
// `x`.  A path that ends in no field is its own owner.
std::string ownerKey(const Path &p);

// How comparedPairs spells the pair {a, b} (order-independent).
std::string comparedPair(const std::string &a, const std::string &b);

} // namespace facts
} // namespace coffman

#endif
