#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compdb.h"

static void touch(const char *path)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("[]", f);
    fclose(f);
}

START_TEST(finds_the_nearest_database_like_clangd)
{
    char root[] = "/tmp/coffman-compdb-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(root));
    char src[300], build[300], db[400], file[400];
    snprintf(src, sizeof src, "%s/src", root);
    snprintf(build, sizeof build, "%s/build", root);
    snprintf(file, sizeof file, "%s/a.c", src);
    mkdir(src, 0700);
    mkdir(build, 0700);
    char *none = compdb_find(file, NULL);
    /* Nothing yet (unless some ancestor of /tmp has one, which tests do
     * not create). */
    ck_assert_ptr_null(none);
    snprintf(db, sizeof db, "%s/compile_commands.json", build);
    touch(db);
    char *found = compdb_find(file, NULL);
    ck_assert_str_eq(found, build);
    free(found);
    /* clangd's --compile-commands-dir wins, and must hold a database. */
    ck_assert_ptr_null(compdb_find(file, src));
    found = compdb_find(file, build);
    ck_assert_str_eq(found, build);
    free(found);
    unlink(db);
    rmdir(build);
    rmdir(src);
    rmdir(root);
}
END_TEST

START_TEST(default_database_compiles_the_file_as_c11)
{
    char dir[] = "/tmp/coffman-compdb-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_int_eq(compdb_write_default(dir, "/src/x.c"), 0);
    char db[300];
    snprintf(db, sizeof db, "%s/compile_commands.json", dir);
    json_t *j = json_load_file(db, 0, NULL);
    json_t *e = json_array_get(j, 0);
    ck_assert_str_eq(json_string_value(json_object_get(e, "file")), "/src/x.c");
    ck_assert_str_eq(json_string_value(json_object_get(e, "directory")), "/src");
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(e, "arguments"), 1)), "-std=c11");
    json_decref(j);
    unlink(db);
    rmdir(dir);
}
END_TEST

Suite *compdb_suite(void)
{
    Suite *s = suite_create("compdb");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, finds_the_nearest_database_like_clangd);
    tcase_add_test(tc, default_database_compiles_the_file_as_c11);
    suite_add_tcase(s, tc);
    return s;
}
