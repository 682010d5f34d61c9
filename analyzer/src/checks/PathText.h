// How the wait, blocking and leak checks name objects and places in their
// messages, and the object-matching rules they share.
#ifndef COFFMAN_CHECKS_PATHTEXT_H
#define COFFMAN_CHECKS_PATHTEXT_H

#include "facts/Facts.h"
#include "program/Lockset.h"
#include "program/Program.h"

#include <string>

namespace coffman {
namespace checks {

// `v1->mu` rather than `param0->mu` when the parameter's name is known.
std::string display(const facts::Path &p, const facts::Function *fn);
// "file.c:12" (file name only, as compiler notes show it briefly).
std::string where(const facts::SourceLoc &l);
// Short display name of a function key ("file.c:name" -> "name").
std::string shortName(const std::string &key);

// The last field an object path goes through (".nonempty" -> "nonempty"),
// or "" when the path ends in a dereference or an element.
std::string lastField(const facts::Path &p);
// Could `a` and `b` name the same object in some run?  Unknown or
// type-only paths may be anything; two named objects (globals, locals) are
// the same only if equal; otherwise objects reached through pointers match
// when their last field matches.
bool mayAlias(const facts::Path &a, const facts::Path &b);
// Names one object for sure (a global, a local, one parameter's field), so
// holding it twice means the very same lock: no class, no array element,
// no pointer other than a parameter's.
bool namesOneObject(const facts::Path &p);

// Notes for held locks: "`mu` acquired here" (+ the chain to it).
void addHeldNotes(const program::HeldLock &h, const facts::Function *fn,
                  std::vector<struct FindingNote> &notes);

} // namespace checks
} // namespace coffman

#endif
