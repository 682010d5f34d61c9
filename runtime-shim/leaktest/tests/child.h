/* Runs a program with extra environment and captures what it prints. */
#ifndef COFFMAN_LEAKTEST_TESTS_CHILD_H
#define COFFMAN_LEAKTEST_TESTS_CHILD_H

typedef struct child_result {
    int status;       /* exit status, or 128+signal */
    char *output;     /* stdout and stderr, interleaved; malloc'd */
    double elapsed_ms;
} child_result;

/* env: NULL-terminated "K=V" strings added to the environment. */
child_result child_run(const char *const *argv, const char *const *env);
/* As child_run, but kills the child (SIGKILL) after timeout_ms. */
child_result child_run_for(const char *const *argv, const char *const *env, int timeout_ms);
void child_result_free(child_result *r);
/* How often needle occurs in haystack. */
int count_of(const char *haystack, const char *needle);

#endif
