/* coffman-clangd: clangd with coffman's findings in the editor.
 * See options.c for the command line and session.h for the moving parts. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "analysis.h"
#include "proxy.h"
#include "server.h"
#include "session.h"

static void make_temp_root(session *s)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(s->temp_root, sizeof s->temp_root, "%s/coffman-clangd-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(s->temp_root))
        s->temp_root[0] = '\0';
}

int main(int argc, char **argv)
{
    session *s = &g_session;
    if (!options_parse(argc, argv, &s->opts))
        return 2;
    if (s->opts.help) {
        options_usage(argv[0]);
        return 0;
    }
    /* A peer that goes away must show up as a failed write, not kill us
     * before we can tell the other side. */
    signal(SIGPIPE, SIG_IGN);
    s->utf16 = true;
    lsp_writer_init(&s->client, STDOUT_FILENO);
    make_temp_root(s);
    if (server_spawn()) {
        checker_config c = {s->opts.checker, s->opts.facts_dir, s->opts.compdb_dir,
                            s->temp_root, s->opts.timeout_s};
        if (!server_start_reader() || !analysis_start(&c, &s->client, &s->utf16)) {
            fprintf(stderr, "coffman-clangd: cannot start threads\n");
            return 1;
        }
    } else {
        fprintf(stderr, "%s\n", s->clangd_error ? s->clangd_error : "cannot start clangd");
    }
    proxy_run_client(STDIN_FILENO);
}
