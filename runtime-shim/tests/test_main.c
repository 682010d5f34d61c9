/* Runs the shim's unit suites (Check). */
#include <check.h>
#include <stdlib.h>

Suite *graph_suite(void);
Suite *options_suite(void);
Suite *option_values_suite(void);
Suite *forget_range_suite(void);

int main(void)
{
    SRunner *sr = srunner_create(graph_suite());
    srunner_add_suite(sr, options_suite());
    srunner_add_suite(sr, option_values_suite());
    srunner_add_suite(sr, forget_range_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
