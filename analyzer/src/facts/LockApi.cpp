// Table of known calls.  Thread creation/join arguments are decoded by the
// builder (their layouts differ between pthreads and C11), so they are only
// classified here.
#include "facts/LockApi.h"

#include <unordered_map>

namespace coffman {
namespace facts {

namespace {
using K = EventKind;
using L = LockKind;
using A = Access;
using M = AcquireMode;

ApiInfo lock(L l, A a = A::Exclusive, M m = M::Blocking) {
  ApiInfo i{K::Lock};
  i.lockKind = l;
  i.access = a;
  i.mode = m;
  return i;
}
ApiInfo unlock(L l) {
  ApiInfo i{K::Unlock};
  i.lockKind = l;
  return i;
}
ApiInfo simple(K k, M m = M::Blocking, bool flag = false) {
  ApiInfo i{k};
  i.mode = m;
  i.flag = flag;
  return i;
}
ApiInfo condWait(M m) {
  ApiInfo i{K::CondWait};
  i.mode = m;
  i.mutexArg = 1;
  return i;
}

const std::unordered_map<std::string, ApiInfo> &table() {
  static const std::unordered_map<std::string, ApiInfo> t = {
      {"pthread_mutex_lock", lock(L::Mutex)},
      {"pthread_mutex_trylock", lock(L::Mutex, A::Exclusive, M::Try)},
      {"pthread_mutex_timedlock", lock(L::Mutex, A::Exclusive, M::Timed)},
      {"pthread_mutex_clocklock", lock(L::Mutex, A::Exclusive, M::Timed)},
      {"pthread_mutex_unlock", unlock(L::Mutex)},
      {"pthread_rwlock_rdlock", lock(L::RwLock, A::Shared)},
      {"pthread_rwlock_tryrdlock", lock(L::RwLock, A::Shared, M::Try)},
      {"pthread_rwlock_timedrdlock", lock(L::RwLock, A::Shared, M::Timed)},
      {"pthread_rwlock_clockrdlock", lock(L::RwLock, A::Shared, M::Timed)},
      {"pthread_rwlock_wrlock", lock(L::RwLock)},
      {"pthread_rwlock_trywrlock", lock(L::RwLock, A::Exclusive, M::Try)},
      {"pthread_rwlock_timedwrlock", lock(L::RwLock, A::Exclusive, M::Timed)},
      {"pthread_rwlock_clockwrlock", lock(L::RwLock, A::Exclusive, M::Timed)},
      {"pthread_rwlock_unlock", unlock(L::RwLock)},
      {"pthread_spin_lock", lock(L::Spin)},
      {"pthread_spin_trylock", lock(L::Spin, A::Exclusive, M::Try)},
      {"pthread_spin_unlock", unlock(L::Spin)},
      {"mtx_lock", lock(L::Mtx)},
      {"mtx_trylock", lock(L::Mtx, A::Exclusive, M::Try)},
      {"mtx_timedlock", lock(L::Mtx, A::Exclusive, M::Timed)},
      {"mtx_unlock", unlock(L::Mtx)},
      {"pthread_cond_wait", condWait(M::Blocking)},
      {"pthread_cond_timedwait", condWait(M::Timed)},
      {"pthread_cond_clockwait", condWait(M::Timed)},
      {"cnd_wait", condWait(M::Blocking)},
      {"cnd_timedwait", condWait(M::Timed)},
      {"pthread_cond_signal", simple(K::CondSignal)},
      {"pthread_cond_broadcast", simple(K::CondSignal, M::Blocking, true)},
      {"cnd_signal", simple(K::CondSignal)},
      {"cnd_broadcast", simple(K::CondSignal, M::Blocking, true)},
      {"sem_wait", simple(K::SemWait)},
      {"sem_trywait", simple(K::SemWait, M::Try)},
      {"sem_timedwait", simple(K::SemWait, M::Timed)},
      {"sem_clockwait", simple(K::SemWait, M::Timed)},
      {"sem_post", simple(K::SemPost)},
      {"pthread_create", simple(K::ThreadCreate)},
      {"thrd_create", simple(K::ThreadCreate)},
      {"pthread_join", simple(K::ThreadJoin)},
      {"pthread_timedjoin_np", simple(K::ThreadJoin, M::Timed)},
      {"pthread_tryjoin_np", simple(K::ThreadJoin, M::Try)},
      {"thrd_join", simple(K::ThreadJoin)},
      {"pthread_detach", simple(K::ThreadDetach)},
      {"thrd_detach", simple(K::ThreadDetach)},
  };
  return t;
}

// Calls that may block for an unbounded or long time.
const char *const kBlocking[] = {
    "sleep",    "usleep",   "nanosleep", "clock_nanosleep", "thrd_sleep",
    "pause",    "sigwait",  "sigsuspend", "read",     "write",  "pread",
    "pwrite",   "readv",    "writev",    "accept",   "accept4", "connect",
    "recv",     "recvfrom", "recvmsg",   "send",     "sendto",  "sendmsg",
    "poll",     "ppoll",    "select",    "pselect",  "epoll_wait",
    "epoll_pwait", "wait",  "waitpid",   "waitid",   "system",  "flock",
    "lockf",    "msgrcv",   "msgsnd",    "mq_receive", "mq_send", "getchar",
    "fgets",    "getline",  "fread",     "fwrite",   "scanf",   "fscanf",
    "fsync",    "fdatasync",
    // Name resolution: waits for DNS (or NSS) servers, seconds per try.
    "getaddrinfo", "getnameinfo", "gethostbyname", "gethostbyname2",
    "gethostbyname_r", "gethostbyname2_r", "gethostbyaddr",
    "gethostbyaddr_r", "res_query", "res_search", "res_querydomain",
    "res_send", "res_nquery", "res_nsearch", "res_nquerydomain",
    "res_nsend",
};
} // namespace

const ApiInfo *lookupApi(const std::string &name) {
  auto it = table().find(name);
  if (it != table().end())
    return &it->second;
  static const std::unordered_map<std::string, ApiInfo> blocking = [] {
    std::unordered_map<std::string, ApiInfo> m;
    for (const char *n : kBlocking)
      m.emplace(n, ApiInfo{EventKind::Blocking});
    return m;
  }();
  auto b = blocking.find(name);
  return b == blocking.end() ? nullptr : &b->second;
}

} // namespace facts
} // namespace coffman
