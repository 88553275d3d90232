/* config.ini's [keys] section: key names parsed without a terminal
 * (src/keyspec.c), and the section read through the settings table with
 * FILE:LINE errors for unknown actions and bad key names (src/config.c). */
#include "testutil.h"

#include "store/config.h"
#include "base/keyspec.h"

static int parse(const char *text, keyspec *k, char *why)
{
    return keyspec_parse(text, k, KEYSPEC_MAX, why, 200);
}

static void test_names(void **state)
{
    (void)state;
    keyspec k[KEYSPEC_MAX];
    char why[200];
    assert_int_equal(parse("F3,l", k, why), 2);
    assert_int_equal(k[0].kind, KS_FKEY);
    assert_int_equal(k[0].code, 3);
    assert_int_equal(k[1].kind, KS_CHAR);
    assert_int_equal(k[1].code, 'l');
    /* Spaces around names, any case for names, three spellings of Ctrl. */
    assert_int_equal(parse("  ctrl-s , ^T,C-v ", k, why), 3);
    assert_int_equal(k[0].code, 19);
    assert_int_equal(k[1].code, 20);
    assert_int_equal(k[2].code, 22);
    assert_int_equal(parse("Esc, ENTER, tab, Space", k, why), 4);
    assert_int_equal(k[0].code, 27);
    assert_int_equal(k[1].code, 13);
    assert_int_equal(k[2].code, 9);
    assert_int_equal(k[3].code, ' ');
    assert_int_equal(parse("PgDn,Home,Shift-Tab,Del", k, why), 4);
    assert_int_equal(k[0].kind, KS_SPECIAL);
    assert_int_equal(k[0].code, KSS_PGDN);
    assert_int_equal(k[2].code, KSS_BTAB);
    assert_int_equal(k[3].code, KSS_DELETE);
    assert_int_equal(parse("F24,F10,?,/", k, why), 4);
    assert_int_equal(k[0].code, 24);
    assert_int_equal(k[1].code, 10);
    /* Letters are text keys; Space too; F-keys and Ctrl keys are not. */
    assert_true(keyspec_is_text(&k[2]));
    assert_false(keyspec_is_text(&k[0]));
    assert_int_equal(parse("L", k, why), 1);
    assert_int_equal(k[0].code, 'L');   /* case matters for a letter */
    assert_int_equal(parse("", k, why), 0);
    assert_int_equal(parse("   ", k, why), 0);
}

static void test_bad_names(void **state)
{
    (void)state;
    keyspec k[KEYSPEC_MAX];
    char why[200];
    assert_int_equal(parse("F3,ll", k, why), -1);
    assert_non_null(strstr(why, "\"ll\" không phải tên phím"));
    assert_int_equal(parse("F25", k, why), -1);
    assert_int_equal(parse("F0", k, why), -1);
    assert_int_equal(parse("^1", k, why), -1);
    assert_int_equal(parse("Ctrl-", k, why), -1);
    assert_int_equal(parse("đ", k, why), -1);            /* not ASCII */
    assert_int_equal(parse("F3,", k, why), -1);
    assert_non_null(strstr(why, "thiếu tên phím"));
    assert_int_equal(parse(",l", k, why), -1);
    assert_int_equal(parse("l,l", k, why), -1);
    assert_non_null(strstr(why, "bị lặp"));
    assert_int_equal(parse("^S,Ctrl-S", k, why), -1);    /* the same key twice */
    assert_int_equal(parse("a,b,c,d,e", k, why), -1);
    assert_non_null(strstr(why, "nhiều nhất 4"));
}

static int load(const char *text, config **c, st_err *e)
{
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "config.ini", text);
    err_clear(e);
    int rc = config_load_file(path, c, e);
    free(path);
    tu_rmdir(&dir);
    return rc;
}

static void test_config_section(void **state)
{
    (void)state;
    config *c = NULL;
    st_err e;
    assert_int_equal(load("[ui]\ncolor = false\n\n[keys]\nlist = F3,d\nsave = F2, Ctrl-S\n", &c, &e),
                     ST_OK);
    assert_string_equal(config_str(c, "keys.list"), "F3,d");
    assert_string_equal(config_str(c, "keys.save"), "F2, Ctrl-S");
    assert_string_equal(config_str(c, "keys.new"), "");   /* not set: built-in keys */
    assert_int_equal(config_line(c, "keys.list"), 5);
    assert_int_equal(config_line(c, "keys.save"), 6);
    assert_int_equal(config_line(c, "keys.new"), 0);
    config_free(&c);

    /* An action the screens do not have: FILE:LINE, and the actions. */
    assert_int_equal(load("[keys]\nlist = F3\nfly = F5\n", &c, &e), ST_EINVAL);
    assert_null(c);
    assert_non_null(strstr(e.msg, "config.ini:3: keys.fly: không có khóa này trong [keys]"));
    assert_non_null(strstr(e.msg, "help, menu, save, search"));
    /* A key name that does not exist: FILE:LINE and the name. */
    assert_int_equal(load("[keys]\n\nlist = F3,ll\n", &c, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "config.ini:3: keys.list: \"ll\" không phải tên phím"));
    assert_int_equal(load("[keys]\nquit = F10,q,Q,^X,Esc\n", &c, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "config.ini:2: keys.quit: nhiều nhất 4 phím"));
    /* The same action twice. */
    assert_int_equal(load("[keys]\nnew = n\nnew = F7\n", &c, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "config.ini:3: keys.new: khóa bị lặp"));

    /* config_set checks the same way, and the line is then no longer the file's. */
    assert_int_equal(config_new(&c, &e), ST_OK);
    assert_int_equal(config_set(c, "keys.reports", "F6,r", &e), ST_OK);
    assert_string_equal(config_str(c, "keys.reports"), "F6,r");
    assert_int_equal(config_set(c, "keys.reports", "F99", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "keys.reports: \"F99\""));
    config_free(&c);
}

/* Every action of the section is documented in --help-config. */
static void test_help_lists_keys(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    config_print_help(f);
    fclose(f);
    int n = 0;
    for (size_t i = 0; config_key(i); i++)
        if (strncmp(config_key(i), "keys.", 5) == 0) {
            assert_non_null(strstr(buf, config_key(i)));
            n++;
        }
    assert_true(n >= 30);
    assert_non_null(strstr(buf, "keys (F3,l"));
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_bad_names),
        cmocka_unit_test(test_config_section),
        cmocka_unit_test(test_help_lists_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
