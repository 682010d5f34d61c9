/* Makes a value from the user safe to quote in a one-line message:
 * control bytes become \n, \t, \r or \xNN, and a backslash \\.  Long
 * values are cut with "..." so the message stays one readable line. */
#ifndef COFFMAN_TEXT_ESCAPE_H
#define COFFMAN_TEXT_ESCAPE_H

#include <stddef.h>

/* Writes the escaped form of the first n bytes of s into out (always
 * NUL-terminated when outlen > 0); returns out. */
const char *coffman_escape_n(const char *s, size_t n, char *out, size_t outlen);
const char *coffman_escape(const char *s, char *out, size_t outlen);

#endif
