/* Runs a program with a time limit, its output captured in a file. */
#ifndef SCENARIO_PROCESS_H
#define SCENARIO_PROCESS_H

#include <stdbool.h>

typedef struct run_result {
    bool timed_out;   /* still running at the limit (then killed) */
    bool signaled;
    int status;       /* exit code, or the signal number when signaled */
} run_result;

/* argv[0] is the program; `env` entries "K=V" are added to the environment.
 * stdout and stderr go to `output_path`. */
run_result process_run(char *const argv[], char *const env[], const char *output_path,
                       unsigned limit_ms);
/* Copies a captured output file to stderr, so ctest shows it on failure. */
void process_show_output(const char *output_path, const char *title);

#endif
