/* coffman-clangd's command line: its own --clangd=/--coffman-* options,
 * everything else passed through to clangd unchanged. */
#ifndef COFFMAN_LSP_OPTIONS_H
#define COFFMAN_LSP_OPTIONS_H

#include <stdbool.h>

typedef struct proxy_options {
    const char *clangd;          /* --clangd=, $COFFMAN_CLANGD, "clangd-19" */
    const char *checker;         /* --coffman-check=, $COFFMAN_CHECK, beside us */
    const char *facts_dir;       /* --coffman-facts-dir=, $COFFMAN_FACTS_DIR */
    const char *compdb_dir;      /* clangd's own --compile-commands-dir= */
    int debounce_ms;             /* --coffman-debounce-ms=, 500 */
    int timeout_s;               /* --coffman-timeout=, 120 */
    bool help;
    char **clangd_argv;          /* argv for clangd, NULL-terminated */
} proxy_options;

/* Returns false and prints why on a bad option value. */
bool options_parse(int argc, char **argv, proxy_options *o);
void options_usage(const char *argv0);

#endif
