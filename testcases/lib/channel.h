/* A small Go-like channel for the testcases (not part of coffman).
 *
 * Bounded, built on a mutex and condition variables, with close() and a
 * select over several send/receive cases.  As in Go, an operation on a NULL
 * channel blocks forever, and a NULL case in a select never fires: this is
 * the "receive from a nil channel" leak pattern the seed talk shows. */
#ifndef TESTCASES_CHANNEL_H
#define TESTCASES_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct channel channel;

/* capacity 0 behaves as 1: the testcases need no rendezvous semantics. */
channel *chan_make(size_t capacity);
void chan_free(channel *c);

/* Blocks while full.  Returns false if the channel is closed. */
bool chan_send(channel *c, void *value);
/* Blocks while empty and open.  Returns false once closed and drained. */
bool chan_recv(channel *c, void **value);
/* Go's `select { case c <- v: default: }`: never blocks. */
bool chan_try_send(channel *c, void *value);
void chan_close(channel *c);

typedef struct chan_case {
    channel *chan;   /* NULL: the case never fires */
    bool send;       /* send `value`, or receive into the select's *received */
    void *value;
} chan_case;

/* Go's select: waits until one case can proceed and performs it.  Returns
 * its index; *ok is false when that case's channel was closed.  Returns -1
 * after timeout_ms (negative: no timeout).  With no timeout and only NULL
 * channels it blocks forever, as Go does. */
int chan_select(chan_case *cases, size_t n, int timeout_ms, void **received,
                bool *ok);

/* Sleeps for `ms` milliseconds (testcases take their delays from argv). */
void sleep_ms(unsigned ms);

#endif
