#include "text_escape.h"

#include <stdio.h>
#include <string.h>

/* Room kept at the end of out for "..." and the NUL. */
enum { TAIL = 4 };

const char *coffman_escape_n(const char *s, size_t n, char *out, size_t outlen)
{
    if (!outlen)
        return out;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char one[8];
        if (c == '\n')
            strcpy(one, "\\n");
        else if (c == '\t')
            strcpy(one, "\\t");
        else if (c == '\r')
            strcpy(one, "\\r");
        else if (c == '\\')
            strcpy(one, "\\\\");
        else if (c < 0x20 || c == 0x7f)
            snprintf(one, sizeof one, "\\x%02x", c);
        else
            one[0] = (char)c, one[1] = '\0';
        size_t len = strlen(one);
        if (o + len + TAIL > outlen) {
            snprintf(out + o, outlen - o, "%s", outlen - o > 3 ? "..." : "");
            return out;
        }
        memcpy(out + o, one, len);
        o += len;
    }
    out[o] = '\0';
    return out;
}

const char *coffman_escape(const char *s, char *out, size_t outlen)
{
    return coffman_escape_n(s ? s : "", s ? strlen(s) : 0, out, outlen);
}
