// Unit tests of the Clang-free parts: path instantiation (the heart of the
// printSum rule), class fallback, facts JSON round trip, what flag facts and
// constant arguments decide, --checks globs and NOLINT parsing.  Check framework, linked against coffman_analysis.
#include "driver/CheckFilter.h"
#include "driver/Suppressions.h"
#include "facts/FactsJson.h"
#include "facts/Instantiate.h"
#include "program/ConstantArgs.h"

#include <check.h>

using namespace coffman;
using namespace coffman::facts;

static Path param(unsigned i, std::vector<std::string> ops,
                  std::string pointee) {
  Path p;
  p.root = RootKind::Param;
  p.param = i;
  p.name = p.key = "param" + std::to_string(i);
  p.ops = std::move(ops);
  p.pointee = std::move(pointee);
  return p;
}

// ck_assert_str_eq keeps the char pointer past the temporary's lifetime;
// compare std::strings instead.
#define expectStr(got, want)                                                \
  do {                                                                      \
    std::string g_ = (got), w_ = (want);                                    \
    ck_assert_msg(g_ == w_, "got '%s', expected '%s'", g_.c_str(),          \
                  w_.c_str());                                              \
  } while (0)

static Value addrOf(const std::string &local) {
  Value v;
  v.kind = Value::AddrOf;
  v.path.root = RootKind::Local;
  v.path.name = local;
  v.path.key = "main::" + local;
  return v;
}

START_TEST(instantiate_param_with_address) {
  Path mu = param(1, {"->mu"}, "struct value");
  Path got = instantiate(mu, {addrOf("a"), addrOf("b")});
  expectStr(got.str(), "b.mu");
  Path nested = param(0, {"->inner", ".mu"}, "struct outer");
  expectStr(instantiate(nested, {addrOf("o")}).str(), "o.inner.mu");
  Path star = param(0, {"*"}, "pthread_mutex_t");
  expectStr(instantiate(star, {addrOf("g")}).str(), "g");
}
END_TEST

START_TEST(instantiate_param_with_param_and_unknown) {
  Value callerParam;
  callerParam.kind = Value::Load;
  callerParam.path = param(2, {}, "");
  Path got = instantiate(param(0, {"->mu"}, "struct account"), {callerParam});
  expectStr(got.str(), "param2->mu");
  // Nothing known about the argument: the class of the pointee.
  Path cls = instantiate(param(0, {"->mu"}, "struct account"), {Value()});
  ck_assert_int_eq(static_cast<int>(cls.root), static_cast<int>(RootKind::Class));
  expectStr(cls.str(), "struct account.mu");
  expectStr(toClass(param(0, {"->next", "->mu"}, "struct node"))
                       .str()
                       , "struct node.mu");
  // A bare mutex pointer says nothing about which lock it is.
  ck_assert(toClass(param(0, {"*"}, "pthread_mutex_t")).opaque());
}
END_TEST

START_TEST(facts_json_round_trip) {
  TranslationUnit tu;
  tu.file = "/src/a.c";
  Function f;
  f.key = "/src/a.c:worker";
  f.name = "worker";
  f.numParams = 1;
  f.defined = true;
  Block b;
  Event e;
  e.kind = EventKind::Lock;
  e.lock = param(0, {"->mu"}, "struct value");
  e.lockKind = LockKind::RwLock;
  e.access = Access::Shared;
  e.mode = AcquireMode::Try;
  e.loc = {"/src/a.c", 12, 5};
  b.events.push_back(e);
  b.succs = {1, -1};
  b.branch.kind = Branch::TryLock;
  b.branch.trueSucc = 1;
  f.blocks.push_back(b);
  // A call with a constant argument, ending in `if (param0 == -42)`.
  Block c;
  Event call;
  call.kind = EventKind::Call;
  call.callee = "retry";
  call.args.resize(1);
  call.args[0].kind = Value::Int;
  call.args[0].number = -42;
  c.events.push_back(call);
  c.succs = {1, 1};
  c.branch.kind = Branch::Flag;
  c.branch.var = "/src/a.c:worker::fd";
  c.branch.compare = true;
  c.branch.value = -42;
  c.branch.param = 0;
  f.blocks.push_back(Block());
  f.blocks.push_back(c);
  f.entry = 0;
  f.exit = 1;
  tu.functions.push_back(f);
  tu.stores.push_back({addrOf("ab").path, addrOf("a")});
  // Descriptor flow and fork children must survive --merge too.
  tu.functions[0].blocks[2].forkChild = true;
  tu.fdEffects.push_back({"anetPipe", "param:anetPipe#0[1]", true, 'P', {1, 2}});
  tu.fdCopies.push_back({"main", "var:main::s", "field:struct srv.fd"});
  tu.fdArgs.push_back({"a.c:9:3", "main", "anetPipe", 2, '-', "", true, 1, -1});
  TranslationUnit back;
  std::string err;
  ck_assert_msg(fromJson(toJson(tu), back, err), "%s", err.c_str());
  expectStr(toJson(back), toJson(tu));
  const Event &r = back.functions[0].blocks[0].events[0];
  expectStr(r.lock.str(), "param0->mu");
  ck_assert(r.access == Access::Shared && r.mode == AcquireMode::Try);
  ck_assert_int_eq(back.functions[0].blocks[0].succs[1], -1);
  const Block &rc = back.functions[0].blocks[2];
  ck_assert(rc.events[0].args[0].kind == Value::Int);
  ck_assert_int_eq(rc.events[0].args[0].number, -42);
  ck_assert(rc.branch.compare && rc.branch.value == -42);
  ck_assert_int_eq(rc.branch.param, 0);
  ck_assert_int_eq(back.functions[0].blocks[0].branch.param, -1);
  // Stores resolve args.v1->mu to a.mu after --merge: they must survive.
  ck_assert_int_eq(back.stores.size(), 1);
  expectStr(back.stores[0].target.str(), "ab");
  expectStr(back.stores[0].value.path.str(), "a");
  ck_assert(back.functions[0].blocks[2].forkChild);
  ck_assert_int_eq(back.fdEffects.size(), 1);
  ck_assert(back.fdEffects[0].create && back.fdEffects[0].state == 'P' &&
            back.fdEffects[0].params.size() == 2);
  expectStr(back.fdCopies[0].to, "field:struct srv.fd");
  ck_assert(back.fdArgs[0].nonblock && back.fdArgs[0].truth == 1 &&
            back.fdArgs[0].index == 2 && back.fdArgs[0].param == -1);
  ck_assert(!fromJson("{\"coffman_facts\": 99}", back, err));
  ck_assert(!fromJson("not json", back, err));
}
END_TEST

START_TEST(check_globs) {
  driver::CheckFilter def;
  ck_assert(def.enabled(COFFMAN_LOCK_ORDER_INVERSION));
  driver::CheckFilter only("-*,coffman-lock-order-*");
  ck_assert(only.enabled(COFFMAN_LOCK_ORDER_INVERSION));
  ck_assert(!only.enabled(COFFMAN_THREAD_LEAK));
  driver::CheckFilter but("coffman-*,-coffman-lock-order-inversion");
  ck_assert(!but.enabled(COFFMAN_LOCK_ORDER_INVERSION));
  ck_assert(but.enabled(COFFMAN_DEADLOCK));
}
END_TEST

START_TEST(nolint_markers) {
  using driver::markerCovers;
  const std::string c = "coffman-lock-order-inversion";
  ck_assert(markerCovers("x(); // NOLINT", "NOLINT", c));
  ck_assert(markerCovers("x(); // NOLINT(coffman-lock-order-inversion)",
                         "NOLINT", c));
  ck_assert(markerCovers("x(); // NOLINT(bugprone-*, coffman-*)", "NOLINT", c));
  ck_assert(!markerCovers("x(); // NOLINT(coffman-thread-leak)", "NOLINT", c));
  ck_assert(!markerCovers("// NOLINTNEXTLINE(coffman-*)", "NOLINT", c));
  ck_assert(markerCovers("// NOLINTNEXTLINE(coffman-*)", "NOLINTNEXTLINE", c));
}
END_TEST

START_TEST(flag_decisions) {
  using program::decide;
  using program::FlagFact;
  // `fd == -42` known true decides every test on fd.
  std::vector<FlagFact> exact = {{"fd", true, -42, true}};
  ck_assert_int_eq(decide(exact, "fd", true, -42), 1);
  ck_assert_int_eq(decide(exact, "fd", true, 3), 0);
  ck_assert_int_eq(decide(exact, "fd", false, 0), 1);
  // `mode != 1` says nothing about `mode != 0`.
  std::vector<FlagFact> notOne = {{"mode", true, 1, false}};
  ck_assert_int_eq(decide(notOne, "mode", false, 0), -1);
  ck_assert_int_eq(decide(notOne, "mode", true, 1), 0);
  // Zero decides both kinds; other variables stay unknown.
  std::vector<FlagFact> zero = {{"p", false, 0, false}};
  ck_assert_int_eq(decide(zero, "p", false, 0), 0);
  ck_assert_int_eq(decide(zero, "p", true, 7), 0);
  ck_assert_int_eq(decide(zero, "q", false, 0), -1);
}
END_TEST

START_TEST(constant_args) {
  using namespace program;
  Event call;
  call.kind = EventKind::Call;
  call.args.resize(4);
  call.args[0].kind = Value::Int;
  call.args[0].number = -42;
  call.args[1].kind = Value::Null;
  call.args[2] = addrOf("x");
  call.args[3].kind = Value::Load; // the caller's parameter 1, known 5
  call.args[3].path = param(1, {}, "");
  KnownArgs caller = {{1, true, 5}};
  KnownArgs known = knownArgs(call, caller);
  ck_assert_int_eq(known.size(), 4);
  ck_assert(known[0].exact && known[0].value == -42);
  ck_assert(known[1].exact && known[1].value == 0);
  ck_assert(!known[2].exact);
  ck_assert(known[3].param == 3 && known[3].value == 5);
  // Only the parameters the callee tests make its specialisation.
  KnownArgs kept;
  std::string key = specialisation({true, false, false, true}, known, kept);
  expectStr(key, "0=-42;3=5;");
  ck_assert_int_eq(kept.size(), 2);
  expectStr(specialisation({false, false, false, false}, known, kept), "");
  // At the entry: `fd == -42` holds for a branch on parameter 0.
  Function f;
  f.numParams = 4;
  Block b;
  b.branch.kind = Branch::Flag;
  b.branch.var = "f::fd";
  b.branch.compare = true;
  b.branch.value = 7;
  b.branch.param = 0;
  f.blocks.push_back(b);
  std::vector<FlagFact> facts = entryFacts(f, known);
  ck_assert_int_eq(facts.size(), 1);
  ck_assert_int_eq(decide(facts, "f::fd", true, 7), 0);
  ck_assert_int_eq(decide(facts, "f::fd", true, -42), 1);
}
END_TEST

int main() {
  Suite *s = suite_create("analyzer-units");
  TCase *tc = tcase_create("units");
  tcase_add_test(tc, instantiate_param_with_address);
  tcase_add_test(tc, instantiate_param_with_param_and_unknown);
  tcase_add_test(tc, facts_json_round_trip);
  tcase_add_test(tc, flag_decisions);
  tcase_add_test(tc, constant_args);
  tcase_add_test(tc, check_globs);
  tcase_add_test(tc, nolint_markers);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? 1 : 0;
}
