/*
 * tests/unit_main.c - the main() of every unit-test binary.  The Makefile
 * compiles it with -DSUITE_FN=<module>_suite and links tests/check_<module>.c.
 * Output is TAP on stdout (one binary per module, STYLE.md section I).
 */
#include <check.h>
#include <stdlib.h>

Suite *SUITE_FN(void);

int
main(void)
{
	SRunner *sr = srunner_create(SUITE_FN());
	int failed;

	srunner_set_tap(sr, "-");
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
