/* Runs the proxy's unit suites; each suite lives in the file named for
 * the module it tests. */
#include <check.h>
#include <stdlib.h>

Suite *text_suite(void);
Suite *framing_suite(void);
Suite *diagnostics_suite(void);
Suite *compdb_suite(void);

int main(void)
{
    SRunner *sr = srunner_create(text_suite());
    srunner_add_suite(sr, framing_suite());
    srunner_add_suite(sr, diagnostics_suite());
    srunner_add_suite(sr, compdb_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
