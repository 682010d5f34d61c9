// Unit tests for the wait, blocking, relock, leak and termination checks.
// Each snippet is a complete C program; lines are counted from 1 in it.
#include "checks/Registry.h"
#include "facts/FactsAction.h"
#include "program/Program.h"

#include "clang/Tooling/Tooling.h"

#include <check.h>

#include <algorithm>

#include <string>
#include <vector>

using coffman::checks::CheckFn;
using coffman::checks::Finding;

namespace {

const char *kPrelude = "#include <pthread.h>\n"
                       "#include <semaphore.h>\n"
                       "#include <unistd.h>\n"; // 3 lines

std::vector<Finding> analyze(const std::string &body, CheckFn check) {
  std::vector<coffman::facts::TranslationUnit> units;
  auto factory = coffman::facts::makeFactsActionFactory(
      [&](coffman::facts::TranslationUnit &&tu) {
        units.push_back(std::move(tu));
      });
  std::vector<std::string> args = {"-std=c11", "-D_GNU_SOURCE",
                                   "-resource-dir", TEST_RESOURCE_DIR};
  bool ok = clang::tooling::runToolOnCodeWithArgs(
      factory->create(), std::string(kPrelude) + body, args, "/tmp/t.c");
  ck_assert_msg(ok, "snippet does not compile");
  coffman::program::Program program(std::move(units));
  std::vector<Finding> out;
  check(program, out);
  return out;
}

// Lines are given relative to the snippet (prelude excluded).
void expectLines(const std::vector<Finding> &got, coffman_kind kind,
                 std::vector<unsigned> lines) {
  std::vector<unsigned> found;
  for (const Finding &f : got) {
    ck_assert_int_eq(f.kind, kind);
    found.push_back(f.loc.line - 3);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::string g, w;
  for (unsigned l : found)
    g += std::to_string(l) + " ";
  for (unsigned l : lines)
    w += std::to_string(l) + " ";
  ck_assert_msg(found == lines, "lines found: [%s], expected: [%s]",
                g.c_str(), w.c_str());
}

const char *kWorkerMain =
    "int main(void) { pthread_t t; pthread_create(&t, 0, worker, 0);\n"
    "  pthread_join(t, 0); return 0; }\n";

} // namespace

START_TEST(never_signaled_cond) {
  std::string code = "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n" // 1
                     "pthread_cond_t c = PTHREAD_COND_INITIALIZER;\n"   // 2
                     "int ready;\n"                                     // 3
                     "void *worker(void *a) { pthread_mutex_lock(&m);\n" // 4
                     "  while (!ready) pthread_cond_wait(&c, &m);\n"    // 5
                     "  pthread_mutex_unlock(&m); return a; }\n";
  expectLines(analyze(code + kWorkerMain, coffman::checks::runNeverSignaledWait),
              COFFMAN_NEVER_SIGNALED_WAIT, {5});
}
END_TEST

START_TEST(signaled_or_timed_is_silent) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "pthread_cond_t c = PTHREAD_COND_INITIALIZER, d;\n"
      "int ready; struct timespec ts;\n"
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  while (!ready) pthread_cond_wait(&c, &m);\n"
      "  while (!ready) pthread_cond_timedwait(&d, &m, &ts);\n"
      "  pthread_mutex_unlock(&m); return a; }\n"
      "void wake(void) { pthread_cond_broadcast(&c); }\n";
  expectLines(analyze(code + kWorkerMain, coffman::checks::runNeverSignaledWait),
              COFFMAN_NEVER_SIGNALED_WAIT, {});
}
END_TEST

START_TEST(sem_posted_by_count_is_silent) {
  std::string code = "sem_t s, never;\n"
                     "void *worker(void *a) { sem_wait(&s); sem_wait(&never);"
                     " return a; }\n"
                     "void init(void) { sem_init(&s, 0, 2); }\n";
  expectLines(analyze(code + kWorkerMain, coffman::checks::runNeverSignaledWait),
              COFFMAN_NEVER_SIGNALED_WAIT, {2});
}
END_TEST

START_TEST(unguarded_if_wait) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "pthread_cond_t c = PTHREAD_COND_INITIALIZER;\n"
      "int ready;\n"
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  if (!ready) pthread_cond_wait(&c, &m);\n"   // 5: reported
      "  while (!ready) pthread_cond_wait(&c, &m);\n" // 6: guarded
      "  pthread_mutex_unlock(&m); return a; }\n"
      "static void wait_once(void) { pthread_cond_wait(&c, &m); }\n"
      "void *w2(void *a) { pthread_mutex_lock(&m);\n"
      "  while (!ready) wait_once();\n" // helper called in a loop: fine
      "  pthread_mutex_unlock(&m); return a; }\n"
      "void wake(void) { pthread_cond_signal(&c); }\n"
      "int main(void) { pthread_t t, u; pthread_create(&t, 0, worker, 0);\n"
      "  pthread_create(&u, 0, w2, 0); pthread_join(t, 0);\n"
      "  pthread_join(u, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runUnguardedWait),
              COFFMAN_UNGUARDED_WAIT, {5});
}
END_TEST

START_TEST(blocking_direct_and_through_callee) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "static void nap(void) { usleep(10); }\n"
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  sleep(1);\n" // 4
      "  nap();\n"    // 5
      "  pthread_mutex_unlock(&m);\n"
      "  nap(); sleep(1);\n" // 7: not held
      "  return a; }\n";
  expectLines(analyze(code + kWorkerMain,
                      coffman::checks::runBlockingWhileLocked),
              COFFMAN_BLOCKING_WHILE_LOCKED, {4, 5});
}
END_TEST

// A callee that blocks in two ways under the lock: the finding names both,
// with a note at each (a UDP send must not hide the DNS lookup beside it).
START_TEST(callee_blocking_every_way_is_named) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "static void flush(int fd) { sleep(1);\n" // 2
      "  if (write(fd, \"x\", 1) < 0) {} }\n"     // 3
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  flush(1);\n" // 5
      "  pthread_mutex_unlock(&m); return a; }\n";
  std::vector<Finding> got =
      analyze(code + kWorkerMain, coffman::checks::runBlockingWhileLocked);
  ck_assert_uint_eq(got.size(), 1);
  const std::string &msg = got[0].message;
  ck_assert_msg(msg.find("`sleep`") != std::string::npos &&
                    msg.find("`write`") != std::string::npos,
                "message: %s", msg.c_str());
  unsigned here = 0;
  for (const auto &n : got[0].notes)
    here += n.message.find("blocks here") != std::string::npos;
  ck_assert_uint_eq(here, 2);
}
END_TEST

START_TEST(cond_wait_own_mutex_is_silent) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER, o = "
      "PTHREAD_MUTEX_INITIALIZER;\n"
      "pthread_cond_t c = PTHREAD_COND_INITIALIZER;\n"
      "int ready, more;\n"
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  while (!ready) pthread_cond_wait(&c, &m);\n" // 5: own mutex only
      "  pthread_mutex_lock(&o);\n"
      "  while (!more) pthread_cond_wait(&c, &m);\n" // 7: o stays held
      "  pthread_mutex_unlock(&o); pthread_mutex_unlock(&m); return a; }\n"
      "void wake(void) { pthread_cond_signal(&c); }\n";
  expectLines(analyze(code + kWorkerMain,
                      coffman::checks::runBlockingWhileLocked),
              COFFMAN_BLOCKING_WHILE_LOCKED, {7});
}
END_TEST

START_TEST(array_locks_after_unlock_loop_are_released) {
  std::string code =
      "pthread_mutex_t locks[8];\n"
      "void *worker(void *a) { for (int i = 0; i < 8; i++)\n"
      "    pthread_mutex_lock(&locks[i]);\n"
      "  for (int i = 7; i >= 0; i--) pthread_mutex_unlock(&locks[i]);\n"
      "  sleep(1);\n" // 5: nothing held any more
      "  pthread_mutex_lock(&locks[2]);\n"
      "  sleep(1);\n" // 7: locks[2] held on every path
      "  pthread_mutex_unlock(&locks[2]); return a; }\n";
  expectLines(analyze(code + kWorkerMain,
                      coffman::checks::runBlockingWhileLocked),
              COFFMAN_BLOCKING_WHILE_LOCKED, {7});
  expectLines(analyze(code + kWorkerMain, coffman::checks::runLockLeak),
              COFFMAN_LOCK_LEAK, {});
}
END_TEST

START_TEST(join_needing_held_lock_is_deadlock) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  pthread_mutex_unlock(&m); return a; }\n"
      "int main(void) { pthread_t t; pthread_mutex_lock(&m);\n"
      "  pthread_create(&t, 0, worker, 0);\n"
      "  pthread_join(t, 0);\n" // 6
      "  pthread_mutex_unlock(&m); return 0; }\n";
  std::vector<Finding> got =
      analyze(code, coffman::checks::runBlockingWhileLocked);
  expectLines(got, COFFMAN_BLOCKING_WHILE_LOCKED, {6});
  ck_assert_int_eq(got[0].severity, COFFMAN_SEVERITY_ERROR);
  ck_assert(got[0].message.rfind("deadlock", 0) == 0);
}
END_TEST

START_TEST(unordered_instances_of_one_class) {
  std::string code =
      "struct acc { pthread_mutex_t mu; struct acc *next; };\n" // 1
      "struct acc accs[4];\n"
      "void move(struct acc *a, struct acc *b) { pthread_mutex_lock(&a->mu);\n"
      "  pthread_mutex_lock(&b->mu); pthread_mutex_unlock(&b->mu);\n" // 4
      "  pthread_mutex_unlock(&a->mu); }\n"
      "void sorted(struct acc *a, struct acc *b) { if (a > b) return;\n"
      "  pthread_mutex_lock(&a->mu); pthread_mutex_lock(&b->mu);\n"
      "  pthread_mutex_unlock(&b->mu); pthread_mutex_unlock(&a->mu); }\n"
      "void walk(struct acc *a) { pthread_mutex_lock(&a->mu);\n"
      "  pthread_mutex_lock(&a->next->mu); pthread_mutex_unlock(&a->mu);\n"
      "  pthread_mutex_unlock(&a->next->mu); }\n"
      "pthread_mutex_t x = PTHREAD_MUTEX_INITIALIZER, y = PTHREAD_MUTEX_INITIALIZER;\n"
      "void *w(void *p) { int i = *(int *)p; move(&accs[i], &accs[i + 1]);\n"
      "  sorted(&accs[i], &accs[i + 1]); walk(&accs[i]);\n"
      "  pthread_mutex_lock(&x); pthread_mutex_lock(&y);\n"
      "  pthread_mutex_unlock(&y); pthread_mutex_unlock(&x); return p; }\n"
      "int main(void) { static int k[2] = {0, 1}; pthread_t t[2];\n"
      "  for (int i = 0; i < 2; i++) pthread_create(&t[i], 0, w, &k[i]);\n"
      "  for (int i = 0; i < 2; i++) pthread_join(t[i], 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runBlockingWhileLocked),
              COFFMAN_BLOCKING_WHILE_LOCKED, {4});
}
END_TEST

START_TEST(unordered_but_named_apart_is_lock_order) {
  // The two accounts are distinct named objects in every thread: the
  // lock-order check knows their order, so this rule stays silent.
  std::string code =
      "struct acc { pthread_mutex_t mu; };\n"
      "struct acc a1 = {PTHREAD_MUTEX_INITIALIZER}, a2 = {PTHREAD_MUTEX_INITIALIZER};\n"
      "struct job { struct acc *from, *to; };\n"
      "void *w(void *p) { struct job *j = p; pthread_mutex_lock(&j->from->mu);\n"
      "  pthread_mutex_lock(&j->to->mu); return p; }\n"
      "int main(void) { static struct job x = {&a1, &a2}; pthread_t t;\n"
      "  pthread_create(&t, 0, w, &x); pthread_join(t, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runBlockingWhileLocked),
              COFFMAN_BLOCKING_WHILE_LOCKED, {});
}
END_TEST

START_TEST(relock_direct_callee_and_recursive) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "pthread_mutex_t r = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;\n"
      "static void take(pthread_mutex_t *x) { pthread_mutex_lock(x);\n"
      "  pthread_mutex_unlock(x); }\n"
      "void *worker(void *a) { pthread_mutex_lock(&m);\n"
      "  take(&m);\n"                 // 6: relock through callee
      "  pthread_mutex_lock(&m);\n"   // 7: direct relock
      "  if (pthread_mutex_trylock(&m) == 0) pthread_mutex_unlock(&m);\n"
      "  pthread_mutex_lock(&r); pthread_mutex_lock(&r);\n" // recursive
      "  pthread_mutex_unlock(&r); pthread_mutex_unlock(&r);\n"
      "  pthread_mutex_unlock(&m); return a; }\n";
  expectLines(analyze(code + kWorkerMain, coffman::checks::runSelfDeadlock),
              COFFMAN_SELF_DEADLOCK, {6, 7});
}
END_TEST

START_TEST(rwlock_upgrade_not_read_read) {
  std::string code = "pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;\n"
                     "void *worker(void *a) { pthread_rwlock_rdlock(&rw);\n"
                     "  pthread_rwlock_rdlock(&rw);\n" // read-read: fine
                     "  pthread_rwlock_wrlock(&rw);\n" // 4: upgrade
                     "  return a; }\n";
  expectLines(analyze(code + kWorkerMain, coffman::checks::runSelfDeadlock),
              COFFMAN_SELF_DEADLOCK, {4});
}
END_TEST

START_TEST(lock_leak_early_return_not_wrapper_or_goto) {
  std::string code =
      "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
      "int set(int v) { pthread_mutex_lock(&m);\n"
      "  if (v < 0) return -1;\n" // 3: leak
      "  pthread_mutex_unlock(&m); return 0; }\n"
      "void acquire(void) { pthread_mutex_lock(&m); }\n"
      "int store(int v) { int rc = -1; pthread_mutex_lock(&m);\n"
      "  if (v < 0) goto out;\n"
      "  rc = 0;\n"
      "out: pthread_mutex_unlock(&m); return rc; }\n"
      "void flagged(int f) { if (f) pthread_mutex_lock(&m);\n"
      "  if (f) pthread_mutex_unlock(&m); }\n";
  expectLines(analyze(code, coffman::checks::runLockLeak),
              COFFMAN_LOCK_LEAK, {3});
}
END_TEST

START_TEST(thread_routine_ends_locked) {
  std::string code = "pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
                     "void *worker(void *a) { pthread_mutex_lock(&m);\n"
                     "  return a; }\n"; // 3
  expectLines(analyze(code + kWorkerMain, coffman::checks::runLockLeak),
              COFFMAN_LOCK_LEAK, {3});
}
END_TEST

START_TEST(thread_leak_paths) {
  std::string code =
      "void *work(void *a) { return a; }\n"
      "void dropped(void) { pthread_t t;\n"
      "  pthread_create(&t, 0, work, 0); }\n" // 3
      "int checked(void) { pthread_t t;\n"
      "  if (pthread_create(&t, 0, work, 0) != 0) return -1;\n" // ok
      "  pthread_join(t, 0); return 0; }\n"
      "int pair(void) { pthread_t r, w;\n"
      "  if (pthread_create(&r, 0, work, 0) != 0) return -1;\n" // 8: leak
      "  if (pthread_create(&w, 0, work, 0) != 0) return -1;\n"
      "  pthread_join(w, 0); pthread_join(r, 0); return 0; }\n"
      "void loop(void) { pthread_t t;\n"
      "  for (int i = 0; i < 3; i++) pthread_create(&t, 0, work, 0);\n" // 12
      "  pthread_join(t, 0); }\n"
      "void group(void) { pthread_t g[4];\n"
      "  for (int i = 0; i < 4; i++) pthread_create(&g[i], 0, work, 0);\n"
      "  for (int i = 0; i < 4; i++) pthread_join(g[i], 0); }\n"
      "void detached(void) { pthread_t t; pthread_create(&t, 0, work, 0);\n"
      "  pthread_detach(t); }\n"
      "pthread_t spawn(void) { pthread_t t; pthread_create(&t, 0, work, 0);\n"
      "  return t; }\n";
  expectLines(analyze(code, coffman::checks::runThreadLeak),
              COFFMAN_THREAD_LEAK, {3, 8, 12});
}
END_TEST

START_TEST(no_termination_loops) {
  std::string code =
      "#include <stdatomic.h>\n"
      "atomic_int stop;\n"
      "void *spin(void *a) { for (;;) {\n" // 3
      "    usleep(1); }\n"
      "  return a; }\n"
      "void *polite(void *a) { while (!atomic_load(&stop)) usleep(1);\n"
      "  return a; }\n"
      "int main(void) { pthread_t t, u; pthread_create(&t, 0, spin, 0);\n"
      "  pthread_create(&u, 0, polite, 0); pthread_join(u, 0);\n"
      "  pthread_join(t, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runNoTermination),
              COFFMAN_NO_TERMINATION, {3});
}
END_TEST

START_TEST(cancellation_point_terminates) {
  std::string code =
      "void *spin(void *a) { for (;;) {\n"
      "    usleep(1); }\n"
      "  return a; }\n"
      "int main(void) { pthread_t t; pthread_create(&t, 0, spin, 0);\n"
      "  pthread_cancel(t); pthread_join(t, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runNoTermination),
              COFFMAN_NO_TERMINATION, {});
}
END_TEST

START_TEST(null_channel_through_thread_argument) {
  std::string code =
      "struct chan { pthread_mutex_t mu; };\n"
      "static void park(void) { static pthread_mutex_t m = "
      "PTHREAD_MUTEX_INITIALIZER;\n"
      "  static pthread_cond_t never = PTHREAD_COND_INITIALIZER;\n"
      "  pthread_mutex_lock(&m); for (;;) pthread_cond_wait(&never, &m); }\n"
      "int take(struct chan *c) { if (!c) park(); return 1; }\n" // 5
      "void *worker(void *arg) { struct chan *c = arg;\n"
      "  while (take(c)) {} return 0; }\n" // 7: reported here
      "void *fine(void *arg) { struct chan *c = arg; take(c); return 0; }\n"
      "int main(void) { static struct chan ch; pthread_t t, u;\n"
      "  pthread_create(&t, 0, worker, 0);\n"
      "  pthread_create(&u, 0, fine, &ch); pthread_join(u, 0);\n"
      "  pthread_detach(t); return 0; }\n";
  std::vector<Finding> got =
      analyze(code, coffman::checks::runNeverSignaledWait);
  // The park itself is deliberate (its condition is private): only the
  // call that reaches it with NULL is reported, with the start as a note.
  expectLines(got, COFFMAN_NEVER_SIGNALED_WAIT, {7});
  ck_assert_int_eq(got[0].notes.front().loc.line - 3, 10);
}
END_TEST

START_TEST(wait_through_null_pointer) {
  std::string code =
      "struct q { pthread_mutex_t mu; pthread_cond_t cv; int n; };\n" // 1
      "void push(struct q *x) { pthread_cond_signal(&x->cv); }\n"
      "void pop(struct q *x) { pthread_mutex_lock(&x->mu);\n"
      "  while (!x->n) pthread_cond_wait(&x->cv, &x->mu); }\n" // 4
      "void pop_or_not(struct q *x) { if (!x) return;\n"
      "  while (!x->n) pthread_cond_wait(&x->cv, &x->mu); }\n" // 6: tested
      "static struct q *never, *later, *tested;\n"
      "void set_later(struct q *x) { later = x; }\n"
      "void *a(void *p) { pop(p); return 0; }\n" // 9: started with NULL
      "void *b(void *p) { pthread_cond_wait(&never->cv, &never->mu);\n" // 10
      "  pthread_cond_wait(&later->cv, &later->mu);\n"
      "  if (tested) pthread_cond_wait(&tested->cv, &tested->mu);\n"
      "  pop_or_not(p); return p; }\n"
      "int main(void) { pthread_t t, u;\n"
      "  pthread_create(&t, 0, a, 0); pthread_create(&u, 0, b, 0);\n" // 15
      "  pthread_join(t, 0); pthread_join(u, 0); return 0; }\n";
  std::vector<Finding> got =
      analyze(code, coffman::checks::runNeverSignaledWait);
  expectLines(got, COFFMAN_NEVER_SIGNALED_WAIT, {4, 10});
  // The NULL at the wait in pop comes from the thread start at line 15
  // through the call at line 9.
  for (const Finding &f : got)
    if (f.loc.line - 3 == 4) {
      ck_assert_int_ge(f.notes.size(), 2);
      ck_assert_int_eq(f.notes[0].loc.line - 3, 15);
      ck_assert_int_eq(f.notes[1].loc.line - 3, 9);
    }
}
END_TEST

START_TEST(sem_without_sem_init) {
  std::string code = "sem_t bare, inited, helped;\n"
                     "void setup(sem_t *s) { sem_init(s, 0, 1); }\n"
                     "void *w(void *a) { sem_wait(&bare);\n" // 3
                     "  sem_wait(&inited); sem_wait(&helped); return a; }\n"
                     "int main(void) { sem_init(&inited, 0, 0);\n"
                     "  setup(&helped); sem_post(&bare); sem_post(&inited);\n"
                     "  pthread_t t; pthread_create(&t, 0, w, 0);\n"
                     "  pthread_join(t, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runNeverSignaledWait),
              COFFMAN_NEVER_SIGNALED_WAIT, {3});
}
END_TEST

START_TEST(thread_leak_in_main_only_when_never_joined) {
  std::string code =
      "void *work(void *a) { return a; }\n"
      "int main(void) { pthread_t a, b, c;\n"
      "  if (pthread_create(&a, 0, work, 0) != 0 ||\n"
      "      pthread_create(&b, 0, work, 0) != 0) return 1;\n"
      "  if (write(1, \"x\", 1) != 1) return 1;\n" // early exit: fine
      "  pthread_create(&c, 0, work, 0);\n"            // 6: never joined
      "  pthread_join(a, 0); pthread_join(b, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runThreadLeak),
              COFFMAN_THREAD_LEAK, {6});
}
END_TEST

START_TEST(private_pointer_chain_is_not_one_lock) {
  std::string code =
      "struct node { pthread_mutex_t mu; struct node *next; };\n"
      "struct node *head;\n"
      "void *walk(void *a) { struct node *cur = head;\n"
      "  pthread_mutex_lock(&cur->mu);\n"
      "  while (cur->next) { struct node *n = cur->next;\n"
      "    pthread_mutex_lock(&n->mu); pthread_mutex_unlock(&cur->mu);\n"
      "    cur = n; }\n"
      "  pthread_mutex_unlock(&cur->mu); return a; }\n"
      "int main(void) { pthread_t t; pthread_create(&t, 0, walk, 0);\n"
      "  pthread_join(t, 0); return 0; }\n";
  expectLines(analyze(code, coffman::checks::runSelfDeadlock),
              COFFMAN_SELF_DEADLOCK, {});
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("issue6-checks");
  TCase *waits = tcase_create("waits");
  tcase_set_timeout(waits, 60);
  tcase_add_test(waits, never_signaled_cond);
  tcase_add_test(waits, signaled_or_timed_is_silent);
  tcase_add_test(waits, sem_posted_by_count_is_silent);
  tcase_add_test(waits, unguarded_if_wait);
  tcase_add_test(waits, null_channel_through_thread_argument);
  tcase_add_test(waits, wait_through_null_pointer);
  tcase_add_test(waits, sem_without_sem_init);
  suite_add_tcase(s, waits);
  TCase *blocking = tcase_create("blocking");
  tcase_set_timeout(blocking, 60);
  tcase_add_test(blocking, blocking_direct_and_through_callee);
  tcase_add_test(blocking, callee_blocking_every_way_is_named);
  tcase_add_test(blocking, cond_wait_own_mutex_is_silent);
  tcase_add_test(blocking, join_needing_held_lock_is_deadlock);
  tcase_add_test(blocking, array_locks_after_unlock_loop_are_released);
  tcase_add_test(blocking, unordered_instances_of_one_class);
  tcase_add_test(blocking, unordered_but_named_apart_is_lock_order);
  suite_add_tcase(s, blocking);
  TCase *locks = tcase_create("locks");
  tcase_set_timeout(locks, 60);
  tcase_add_test(locks, relock_direct_callee_and_recursive);
  tcase_add_test(locks, rwlock_upgrade_not_read_read);
  tcase_add_test(locks, private_pointer_chain_is_not_one_lock);
  tcase_add_test(locks, lock_leak_early_return_not_wrapper_or_goto);
  tcase_add_test(locks, thread_routine_ends_locked);
  suite_add_tcase(s, locks);
  TCase *threads = tcase_create("threads");
  tcase_set_timeout(threads, 60);
  tcase_add_test(threads, thread_leak_paths);
  tcase_add_test(threads, thread_leak_in_main_only_when_never_joined);
  tcase_add_test(threads, no_termination_loops);
  tcase_add_test(threads, cancellation_point_terminates);
  suite_add_tcase(s, threads);
  return s;
}

int main(void) {
  SRunner *sr = srunner_create(suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? 0 : 1;
}
