// The facts model: what coffman remembers about one translation unit.
//
// Why a skeleton CFG and not finished locksets: whether a call acquires a
// lock (a wrapper), releases one, or starts threads is only known once every
// translation unit has been seen.  So the per-TU pass (FactsBuilder) keeps,
// for every function defined in a project file, its clang::CFG reduced to the
// events that matter for concurrency, plus the branch conditions needed for
// path sensitivity (trylock results, boolean flags).  The program stage
// (program/) merges all TUs, computes bottom-up summaries and runs the
// lockset dataflow over these skeletons with callee effects applied.  Facts
// are plain data, serialisable to JSON (FactsJson.h), so a compiler plugin can
// write them beside object files and `coffman-check --merge DIR` can load
// them without parsing C again.
//
// Abstract object paths (Path) name locks, condition variables, semaphores
// and thread handles independently of any run:
//   g_mu                 a global or file-static object (static ones keep the
//                        file in `key` so two TUs' `static lock` differ)
//   main::m              a local object of function main
//   param0->mu           reached through the value of parameter 0
//   param1->inner.mu     ops are "->f", ".f", "[]" (any element of an
//                        array object), "->[]" (any element behind a
//                        pointer, shown as "[]"), "*"
//   arr[]                &arr[i]: every element is one class
//   args.v1->mu          through a pointer stored in a known object; the
//                        program stage resolves it with the TU's stores
//                        (args.v1 = &a gives a.mu) or falls back to a class
//   struct account.mu    a class: some object of that type reached through a
//                        pointer the analysis cannot name (heap, list nodes)
// Parameter paths are instantiated at each call site (program/Instantiate.h):
// print_sum(&a, &b) turns param0->mu into a.mu.
//
// Everything here is owned by value; nothing points into a clang AST.
#ifndef COFFMAN_FACTS_FACTS_H
#define COFFMAN_FACTS_FACTS_H

#include <cstdint>
#include <string>
#include <vector>

namespace coffman {
namespace facts {

constexpr int kFactsVersion = 1;

struct SourceLoc {
  std::string file; // absolute path
  unsigned line = 0;
  unsigned col = 0;
  bool valid() const { return line != 0; }
};

// Where an abstract path starts.
enum class RootKind : uint8_t {
  Global, // a global or static object; name = spelled name
  Local,  // an automatic object of the enclosing function
  Param,  // the value of parameter `param` (the first op is a deref)
  Class,  // some object of type `name` ("struct account"); identity unknown
  Unknown // not expressible: never equal to anything, never reported
};

struct Path {
  RootKind root = RootKind::Unknown;
  std::string name;  // display root: "g_mu", "m", "struct account"
  std::string key;   // identity of the root: "file.c:g_mu" for statics
  unsigned param = 0;
  std::vector<std::string> ops; // "->f", ".f", "[]", "*"
  // The type the last dereference reaches ("struct account"), used when
  // the pointer cannot be named and the path falls back to a Class.
  std::string pointee;
  // Local/Global roots: the variable is a pointer assigned once in its
  // function (`struct account *a = malloc(...)`), so `a->mu` names one
  // object, not a class.  Not part of identity().
  bool stable = false;

  bool known() const { return root != RootKind::Unknown; }
  // A class path whose identity is only a type (e.g. "pthread_mutex_t" via
  // an unknown pointer) says nothing about which lock it is.
  bool opaque() const { return root == RootKind::Class && ops.empty(); }
  std::string str() const;       // display form, e.g. "param0->mu"
  std::string identity() const;  // unique key for comparisons/maps
  // identity() == o.identity(), without building the strings.
  bool operator==(const Path &o) const;
  bool operator<(const Path &o) const { return identity() < o.identity(); }
};

// A value passed to a call or to a thread routine.
struct Value {
  enum Kind : uint8_t {
    Unknown,
    AddrOf,   // &path (or an array decaying to its first element)
    Load,     // the pointer stored in `path` (e.g. a parameter, p->next)
    Null,     // NULL / 0
    Function, // a function designator; `function` is its key
    Int       // an integer constant other than 0 (`number`)
  } kind = Unknown;
  Path path;
  std::string function;
  std::string pointee; // for Load/Unknown: type the pointer points to
  long long number = 0;
  // AddrOf a pointer variable known to point to `holds`: a guard passed to
  // its `__attribute__((cleanup))` function, whose `*p` is then that object.
  Path holds;
};

enum class LockKind : uint8_t { Mutex, RwLock, Spin, Mtx, Capability, Unknown };
enum class Access : uint8_t { Exclusive, Shared }; // Shared = rwlock read
enum class AcquireMode : uint8_t { Blocking, Try, Timed };

enum class EventKind : uint8_t {
  Lock,          // lock, kind, access, mode
  Unlock,        // lock
  Call,          // callee (key) or indirect; args
  ThreadCreate,  // callee = routine key ("" if unresolved); args[0] = arg;
                 // object = handle; flag = created detached (attribute)
  ThreadJoin,    // object = handle
  ThreadDetach,  // object = handle ("pthread_self()" -> Unknown path)
  CondWait,      // object = condvar, lock = its mutex; mode Timed if timed
  CondSignal,    // object = condvar; flag = broadcast
  SemWait,       // object = semaphore; mode Try/Timed for those variants
  SemPost,       // object = semaphore
  Blocking,      // callee = blocking libc call (sleep, read, accept, ...)
  Return,        // a return statement (the exit block follows)
  Assign         // object = local variable assigned (kills flag facts)
};

struct Event {
  EventKind kind = EventKind::Call;
  SourceLoc loc;
  Path lock;            // Lock/Unlock/CondWait(mutex)
  LockKind lockKind = LockKind::Unknown;
  Access access = Access::Exclusive;
  AcquireMode mode = AcquireMode::Blocking;
  Path object;          // cond / sem / thread handle / assigned variable
  std::string callee;   // function key, libc name for Blocking
  std::string calleeName; // spelled name, for messages
  std::vector<Value> args;
  bool flag = false;    // see EventKind comments
};

// How a block's two successors differ.
struct Branch {
  enum Kind : uint8_t {
    None,
    Flag,   // succs[trueSucc] runs when flag `var` is non-zero (with
            // `compare`: equals `value`), the other succ when it is not
    TryLock, // succs[trueSucc] runs when event `event` of this block
             // (a Try/Timed Lock) succeeded; the other succ when it failed
    Spawn    // same for a ThreadCreate event: succs[trueSucc] runs when the
             // thread was created (thread-leak check; not a lock)
  } kind = None;
  std::string var;
  unsigned event = 0;
  unsigned trueSucc = 0;
  bool compare = false; // Flag: `var == value` rather than `var != 0`
  long long value = 0;
  int param = -1;       // Flag: `var` is this parameter (constant arguments)
};

struct Block {
  std::vector<Event> events;
  std::vector<int> succs; // -1: unreachable successor
  Branch branch;
  SourceLoc loop; // the for/while/do whose condition ends this block
  // Ends in a call that never returns (abort, exit, a failed assert).
  // Clang's CFG still links it to the exit block, which reachability
  // checks rely on; lock state must not flow along that edge.
  bool noReturn = false;
  // Runs only in the child of a fork() (`if (fork() == 0)`, `pid == 0`):
  // a new single-threaded process (facts/ForkFacts.h).
  bool forkChild = false;
};

// Clang thread-safety attributes on a declaration.
struct CapabilityEffect {
  Path lock;            // usually param-relative or global
  Access access = Access::Exclusive;
  bool release = false;
  bool tryAcquire = false;
  bool successValue = true; // try_acquire_capability(true, ...)
};

struct Function {
  std::string key;  // name, or "file.c:name" for internal linkage
  std::string name;
  SourceLoc loc;
  unsigned numParams = 0;
  bool defined = false;  // has a skeleton; else only attributes are known
  std::vector<CapabilityEffect> effects; // from attributes
  std::vector<Block> blocks;
  int entry = -1;
  int exit = -1;
  // Filled by ThreadHandleFacts.cpp (thread-leak, no-termination checks):
  // keys of local thread handles whose value leaves the function (returned,
  // stored elsewhere, passed to a non-pthread call), and whether the body
  // calls pthread_testcancel.
  std::vector<std::string> escapedHandles;
  bool callsTestCancel = false;
  std::vector<std::string> paramNames; // spelled names, for messages
  // Filled by PointerFacts.cpp: identities of the pointer values this
  // function tests against NULL anywhere (`if (q)`, `q != NULL`, `!q`),
  // e.g. "P0|" for its first parameter or "Gg_queue|" for a global.
  std::vector<std::string> nullTested;
  // Filled by OrderFacts.cpp: every relational comparison of two run-time
  // values, as comparedPair(ownerKey(lhs), ownerKey(rhs)).
  std::vector<std::string> comparedPairs;
};

// A global or static variable, or an initialised local aggregate, that may
// hold pointer slots (PointerFacts.cpp), with where it is declared.
struct SlotDecl {
  Path var;
  SourceLoc loc;
};

// An I/O call and where the descriptor it uses is kept (FdFacts.h).
struct FdUse {
  SourceLoc call;
  std::string fd;
};

// A descriptor put into a slot (`create`: socket, pipe2, eventfd, ...) or
// the descriptor in a slot changed (fcntl F_SETFL, ioctl FIONBIO), in
// function `function`.  State: 'N' non-blocking, 'B' blocking; 'P' as 'N'
// when a caller's argument in `params` names O_NONBLOCK, 'Q' when one is
// non-zero (`ioctl(fd, FIONBIO, &set)`), else as 'B' for a creation and
// nothing for a change.
struct FdEffect {
  std::string function;
  std::string slot;
  bool create = false;
  char state = 'N';
  std::vector<unsigned> params;
};

// `to = from` between descriptor slots (also `return from`, to "ret:F").
struct FdCopy {
  std::string function;
  std::string from, to;
};

// An argument of a call to a project function, for the descriptor facts:
// kind 'v' the value of slot `slot`, 'a' its address, 'r' an array or
// pointer whose elements are slot`[k]`, '-' none.  `nonblock`: its text
// names O_NONBLOCK; `truth`: 1 non-zero constant, 0 zero, -1 unknown;
// `param`: it is the caller's parameter of that index, else -1.
struct FdArg {
  std::string call; // call site id
  std::string function, callee;
  unsigned index = 0;
  char kind = '-';
  std::string slot;
  bool nonblock = false;
  int truth = -1;
  int param = -1;
};

// An object initialised by a call such as sem_init; when `object` is
// relative to a parameter, `function` is the key of the function it is in.
struct ObjectInit {
  std::string function;
  Path object;
};

// A pointer stored into a named object, flow-insensitively:
// `struct sum_args ab = {&a, &b};` gives ab.v1 = &a and ab.v2 = &b.
// Only targets rooted at globals or locals are kept; a target stored two
// different values is ambiguous and never resolved.
struct Store {
  Path target;
  Value value;
};

struct TranslationUnit {
  std::string file;  // absolute main file
  std::vector<Function> functions; // defined ones plus annotated decls
  std::vector<Store> stores;       // filled by FactsBuilder.cpp
  // Filled by LockInitFacts.cpp (self-deadlock, no-termination checks):
  // locks a holder may relock without blocking (recursive or error-checking,
  // or of a type we cannot tell), param-relative ones as their class; and
  // whether this TU calls pthread_cancel.
  std::vector<Path> relockableLocks;
  bool callsCancel = false;
  // Semaphores given a non-zero (or unknown) count by sem_init: a wait on
  // them can succeed without any sem_post.
  std::vector<Path> prepostedSems;
  // Filled by PointerFacts.cpp.  Named pointer slots that may hold a
  // non-NULL value: identities of slots assigned or initialised with
  // anything but NULL, of objects written whole or whose address reaches
  // code we do not see, of pointers whose address is taken; plus
  // fieldWriteKey(f) for a field `f` written through any pointer.
  std::vector<std::string> pointerWrites;
  std::vector<SlotDecl> pointerDecls;
  std::vector<ObjectInit> initialisedSems; // every sem_init target
  // Filled by OrderFacts.cpp: fields that point to their own structure's
  // type ("struct node.next"): links of lists and trees.
  std::vector<std::string> linkFields;
  // Filled by FdFacts.cpp: descriptors by where they are kept, how they
  // are created, changed, copied and passed, and calls that cannot block
  // by their arguments (zero timeouts, MSG_DONTWAIT).
  std::vector<FdUse> fdUses;
  std::vector<FdEffect> fdEffects;
  std::vector<FdCopy> fdCopies;
  std::vector<FdArg> fdArgs;
  std::vector<SourceLoc> nonBlockingCalls;
  // Filled by GateFacts.cpp: locks taken and released as two consecutive
  // statements somewhere (`lock(&hang); unlock(&hang);`).
  std::vector<Path> passThroughLocks;
};

} // namespace facts
} // namespace coffman

#endif
