/* dump_signal=SIG: print every thread's state on that signal and keep
 * running (the Go runtime's SIGQUIT dump, lockdep's "show all locks"). */
#ifndef COFFMAN_DUMP_SIGNAL_H
#define COFFMAN_DUMP_SIGNAL_H

/* Writes the dump to stderr now (from any thread but a signal handler). */
void coffman_dump_threads(const char *why);

#endif
