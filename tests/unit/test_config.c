/* Tests for src/config.c: every kind of bad config.ini is reported as
 * PATH:LINE: key: problem; good files, defaults and the lookup order. */
#include "testutil.h"
#include "store/config.h"

#include <limits.h>
#include <sys/stat.h>

/* Write text as dir/config.ini and load it; returns rc, fills *c and e. */
static int load_text(const char *text, config **c, st_err *e, char **path_out)
{
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "config.ini", text);
    err_clear(e);
    *c = (config *)1;   /* must be reset to NULL on failure */
    int rc = config_load_file(path, c, e);
    if (path_out) {
        *path_out = path;
    } else {
        free(path);
    }
    tu_rmdir(&dir);   /* the path string stays valid; only the file goes */
    return rc;
}

/* The file must be refused with "PATH:LINE: " + the start of what, and
 * contain also (if non-NULL). */
static void assert_bad(const char *text, int line, const char *what, const char *also)
{
    config *c;
    st_err e;
    char *path, want[1024];
    int rc = load_text(text, &c, &e, &path);
    snprintf(want, sizeof want, "%s:%d: %s", path, line, what);
    if (rc != ST_EINVAL || strncmp(e.msg, want, strlen(want)) != 0 ||
        (also && !strstr(e.msg, also)))
        fail_msg("for file:\n%s\ngot rc=%d msg \"%s\"\nwant \"%s…%s\"", text, rc,
                 e.msg, want, also ? also : "");
    assert_null(c);
    free(path);
}

static config *assert_good(const char *text)
{
    config *c;
    st_err e;
    int rc = load_text(text, &c, &e, NULL);
    if (rc != ST_OK) fail_msg("for file:\n%s\ngot rc=%d msg \"%s\"", text, rc, e.msg);
    return c;
}

/* ---- bad files ------------------------------------------------------------ */

static void test_syntax_error(void **state)
{
    (void)state;
    assert_bad("[ui]\nlanguage = vi\nthis is not valid\n", 3, "lỗi cú pháp", NULL);
    assert_bad("[ui\n", 1, "lỗi cú pháp", NULL);
    assert_bad("; ok\n[]\n", 2, "lỗi cú pháp", NULL);
    assert_bad("[ui]\n = vi\n", 2, "lỗi cú pháp", NULL);
    assert_bad("[site]\nname = \"unclosed\n", 2, "site.name: lỗi cú pháp", NULL);
    assert_bad("[site]\nname = \"a\" b\n", 2, "site.name: lỗi cú pháp", NULL);
    /* iniparser would join this line with the next and lose a setting. */
    assert_bad("[data]\n# C:\\\nholidays = x.csv\n", 2, "dòng kết thúc bằng dấu \\", NULL);
    assert_bad("\xEF\xBB\xBF[ui]\n", 1, "tệp bắt đầu bằng BOM", NULL);
}

/* A renamed setting is still read under its former name: the config.ini an
 * upgrade keeps (a conffile) must load (ui.tone_style → text.tone_style). */
static void test_renamed_key(void **state)
{
    (void)state;
    config *c;
    st_err e;
    assert_int_equal(load_text("[ui]\ntone_style = new\n", &c, &e, NULL), ST_OK);
    assert_string_equal(config_str(c, "text.tone_style"), "new");
    config_free(&c);
    assert_int_equal(load_text("[text]\ntone_style = old\n[ui]\ntone_style = new\n", &c, &e, NULL),
                     ST_EINVAL);
    assert_non_null(strstr(e.msg, "ui.tone_style: khóa bị lặp với text.tone_style (dòng 2)"));
    assert_bad("[ui]\ntone_style = both\n", 2, "text.tone_style", NULL);
}

static void test_unknown_key_and_section(void **state)
{
    (void)state;
    assert_bad("[workflow]\nreview_days = 7\nreview_dayz = 3\n", 3,
               "workflow.review_dayz: không có khóa này", "review_days");
    assert_bad("\n[workflw]\n", 2, "[workflw]: không có mục này", "workflow");
    /* A key named like its section: iniparser's getint would crash on the
     * section entry (CVE-2023-33461); here it is just an unknown key. */
    assert_bad("[workflow]\nworkflow = 3\n", 2, "workflow.workflow: không có khóa", NULL);
    assert_bad("workflow = 3\n[workflow]\n", 1, "workflow: khóa nằm ngoài mọi mục", NULL);
    assert_bad("[site]\nsite = BD\n", 2, "site.site: không có khóa", NULL);
}

static void test_int_errors(void **state)
{
    (void)state;
    config *c;
    st_err e;
    char *path, want[1024];
    /* The exact message the manual shows. */
    assert_int_equal(load_text("[workflow]\n\nreview_days = abc\n", &c, &e, &path),
                     ST_EINVAL);
    snprintf(want, sizeof want, "%s:3: workflow.review_days: phải là số nguyên "
             "từ 1 đến 60 (đang là \"abc\")", path);
    assert_string_equal(e.msg, want);
    assert_string_equal(e.field, "workflow.review_days");
    free(path);

    assert_bad("[workflow]\nreview_days = 61\n", 2, "workflow.review_days: phải là số "
               "nguyên từ 1 đến 60 (đang là \"61\")", NULL);
    assert_bad("[workflow]\nreview_days = 0\n", 2, "workflow.review_days:", NULL);
    assert_bad("[workflow]\nreview_days = -5\n", 2, "workflow.review_days:", NULL);
    assert_bad("[workflow]\nreview_days = 1e1\n", 2, "workflow.review_days:", NULL);
    assert_bad("[workflow]\nreview_days = 7 days\n", 2, "workflow.review_days:", NULL);
    assert_bad("[workflow]\nreview_days =\n", 2, "workflow.review_days:", NULL);
    assert_bad("[workflow]\nreview_days = 0x10\n", 2, "workflow.review_days:", NULL);
    assert_bad("[site]\nnumber = 99999999999999999999999\n", 2, "site.number: phải là "
               "số nguyên từ 1 đến 65535", NULL);
}

static void test_octal_is_decimal(void **state)
{
    (void)state;
    config *c = assert_good("[workflow]\nreview_days = 010\nreport_days = +9\n");
    assert_int_equal(config_int(c, "workflow.review_days"), 10);
    assert_int_equal(config_int(c, "workflow.report_days"), 9);
    assert_string_equal(config_str(c, "workflow.review_days"), "10");
    config_free(&c);
    assert_null(c);
}

static void test_bool_and_enum(void **state)
{
    (void)state;
    assert_bad("[ui]\n\ncolor = yes please\n", 3, "ui.color: phải là true hoặc false",
               "\"yes please\"");
    assert_bad("[ui]\ncolor = t\n", 2, "ui.color:", NULL);
    assert_bad("[ui]\nlanguage = fr\n", 2, "ui.language: phải là một trong: vi, en "
               "(đang là \"fr\")", NULL);
    assert_bad("[ui]\ninput_method = viqr\n", 2, "ui.input_method: phải là một trong: "
               "off, telex, vni", NULL);

    static const struct { const char *v; int want; } bools[] = {
        {"true", 1}, {"YES", 1}, {"On", 1}, {"1", 1},
        {"false", 0}, {"no", 0}, {"OFF", 0}, {"0", 0},
    };
    for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "[ui]\ncolor = %s\n", bools[i].v);
        config *c = assert_good(text);
        assert_int_equal(config_bool(c, "ui.color"), bools[i].want);
        config_free(&c);
    }
    config *c = assert_good("[ui]\ninput_method = VNI\n");
    assert_string_equal(config_str(c, "ui.input_method"), "vni");
    config_free(&c);
}

static void test_duplicate_key(void **state)
{
    (void)state;
    assert_bad("[workflow]\nreview_days = 7\n[ui]\n[workflow]\nreview_days = 8\n", 5,
               "workflow.review_days: khóa bị lặp (đã có ở dòng 2)", NULL);
}

static void test_long_line(void **state)
{
    (void)state;
    char text[1300];
    /* 1000 bytes of comment are fine... */
    memset(text, '#', 1000);
    strcpy(text + 1000, "\n[ui]\n");
    config *c = assert_good(text);
    config_free(&c);
    /* ...1001 are not, and the line is named. */
    strcpy(text, "[ui]\n");
    memset(text + 5, ';', 1001);
    strcpy(text + 1006, "\n");
    assert_bad(text, 2, "dòng dài quá 1000 byte", NULL);
    /* The same at the end of a file without a final newline. */
    text[1006] = '\0';
    assert_bad(text, 2, "dòng dài quá 1000 byte", NULL);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    assert_bad("[site]\nname = Vi\xFFt\n", 2, "UTF-8 không hợp lệ tại byte 10", NULL);
    assert_bad("[site]\n# \xC0\xAF in a comment\n", 2, "UTF-8 không hợp lệ", NULL);
}

static void test_string_checks(void **state)
{
    (void)state;
    assert_bad("[site]\ncode = bd\n", 2, "site.code: phải gồm 1 đến 8 chữ cái in hoa",
               "\"bd\"");
    assert_bad("[site]\ncode = ABCDEFGHI\n", 2, "site.code:", NULL);
    assert_bad("[site]\nname = \"\"\n", 2, "site.name: phải dài từ 1 đến 200 ký tự", NULL);
    assert_bad("[database]\npath =\n", 2, "database.path:", NULL);
}

static void test_missing_and_unreadable(void **state)
{
    (void)state;
    config *c = (config *)1;
    st_err e;
    err_clear(&e);
    assert_int_equal(config_load("/nonexistent/sangtao.ini", &c, &e), ST_ENOTFOUND);
    assert_null(c);
    assert_non_null(strstr(e.msg, "/nonexistent/sangtao.ini: "));

    /* $SANGTAO_CONFIG naming a missing file is an error too, not defaults. */
    setenv("SANGTAO_CONFIG", "/nonexistent/env.ini", 1);
    assert_int_not_equal(config_load(NULL, &c, &e), ST_OK);
    assert_non_null(strstr(e.msg, "/nonexistent/env.ini"));
    unsetenv("SANGTAO_CONFIG");

    char *dir = tu_tmpdir();
    assert_int_equal(config_load_file(dir, &c, &e), ST_EIO);
    assert_non_null(strstr(e.msg, dir));
    tu_rmdir(&dir);
}

/* ---- good files ------------------------------------------------------------ */

static void test_good_file(void **state)
{
    (void)state;
    config *c = assert_good(
        "; comment\n"
        "# another\n"
        "[Database]\r\n"
        "PATH = \"/srv/sang tao;1.db\"   ; quoted because of the ;\r\n"
        "busy_timeout_ms=250\n"
        "  [site]  \n"
        "code = QN2\n"
        "number = 65535\n"
        "name = Vie\xCC\xA3\xCC\x82t   # NFD in the file, NFC in memory\n"
        "[ui]\n"
        "language = en\n"
        "color = off\n"
        "esc_delay_ms = 0\n"
        "[data]\n"
        "holidays =\n");
    assert_string_equal(config_str(c, "database.path"), "/srv/sang tao;1.db");
    assert_int_equal(config_int(c, "database.busy_timeout_ms"), 250);
    assert_string_equal(config_str(c, "site.code"), "QN2");
    assert_int_equal(config_int(c, "site.number"), 65535);
    assert_string_equal(config_str(c, "site.name"), "Vi\xE1\xBB\x87t");
    assert_string_equal(config_str(c, "ui.language"), "en");
    assert_int_equal(config_bool(c, "ui.color"), 0);
    assert_int_equal(config_int(c, "ui.esc_delay_ms"), 0);
    assert_string_equal(config_str(c, "data.holidays"), "");
    /* Not in the file: defaults. */
    assert_int_equal(config_int(c, "workflow.review_days"), 7);
    assert_string_equal(config_str(c, "org.name"), "TỈNH ỦY BÌNH ĐỊNH");
    assert_non_null(strstr(config_path(c), "config.ini"));
    config_free(&c);
}

static void test_defaults(void **state)
{
    (void)state;
    config *c = NULL;
    st_err e;
    assert_int_equal(config_new(&c, &e), ST_OK);
    assert_string_equal(config_path(c), "");
    assert_string_equal(config_str(c, "database.path"), "sangtao.db");
    assert_int_equal(config_int(c, "database.busy_timeout_ms"), 5000);
    assert_string_equal(config_str(c, "site.code"), "BD");
    assert_int_equal(config_int(c, "site.number"), 1);
    assert_string_equal(config_str(c, "site.name"), "Văn phòng Tỉnh ủy Bình Định");
    assert_string_equal(config_str(c, "org.party"), "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert_string_equal(config_str(c, "org.place"), "Bình Định");
    assert_string_equal(config_str(c, "org.signer_title"), "T/M BAN THƯỜNG VỤ");
    assert_string_equal(config_str(c, "ui.language"), "vi");
    assert_int_equal(config_int(c, "ui.esc_delay_ms"), 50);
    assert_string_equal(config_str(c, "ui.input_method"), "telex");
    assert_string_equal(config_str(c, "text.tone_style"), "old");
    assert_int_equal(config_bool(c, "ui.color"), 1);
    assert_int_equal(config_int(c, "workflow.review_days"), 7);
    assert_int_equal(config_int(c, "workflow.report_days"), 5);
    assert_int_equal(config_int(c, "workflow.evaluation_days"), 7);
    assert_int_equal(config_int(c, "security.lockout_threshold"), 5);
    assert_int_equal(config_int(c, "security.lockout_minutes"), 15);
    assert_int_equal(config_int(c, "security.min_password_length"), 8);
    assert_string_equal(config_str(c, "data.holidays"), "");
    config_free(&c);
}

/* ---- where the file is looked for ------------------------------------------- */

static void test_lookup_order(void **state)
{
    (void)state;
    char cwd[PATH_MAX];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char *dir = tu_tmpdir();
    assert_int_equal(chdir(dir), 0);
    unsetenv("SANGTAO_CONFIG");
    config *c = NULL;
    st_err e;

    /* Nothing anywhere: defaults (unless this machine has /etc/sangtao). */
    if (access("/etc/sangtao/config.ini", F_OK) != 0) {
        assert_int_equal(config_load(NULL, &c, &e), ST_OK);
        assert_string_equal(config_path(c), "");
        assert_int_equal(config_int(c, "workflow.review_days"), 7);
        config_free(&c);
    }
    /* ./config.ini is found. */
    free(tu_write(dir, "config.ini", "[workflow]\nreview_days = 11\n"));
    assert_int_equal(config_load(NULL, &c, &e), ST_OK);
    assert_string_equal(config_path(c), "config.ini");
    assert_int_equal(config_int(c, "workflow.review_days"), 11);
    config_free(&c);
    /* $SANGTAO_CONFIG comes before ./config.ini... */
    char *env = tu_write(dir, "env.ini", "[workflow]\nreview_days = 22\n");
    setenv("SANGTAO_CONFIG", env, 1);
    assert_int_equal(config_load(NULL, &c, &e), ST_OK);
    assert_int_equal(config_int(c, "workflow.review_days"), 22);
    assert_string_equal(config_path(c), env);
    config_free(&c);
    /* ...and the explicit path before both; an empty variable is unset. */
    char *expl = tu_write(dir, "explicit.ini", "[workflow]\nreview_days = 33\n");
    assert_int_equal(config_load(expl, &c, &e), ST_OK);
    assert_int_equal(config_int(c, "workflow.review_days"), 33);
    config_free(&c);
    setenv("SANGTAO_CONFIG", "", 1);
    assert_int_equal(config_load(NULL, &c, &e), ST_OK);
    assert_int_equal(config_int(c, "workflow.review_days"), 11);
    config_free(&c);
    /* A broken ./config.ini is an error, not a reason to use defaults. */
    free(tu_write(dir, "config.ini", "[workflow]\nreview_days = x\n"));
    assert_int_equal(config_load(NULL, &c, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "config.ini:2: workflow.review_days:"));

    unsetenv("SANGTAO_CONFIG");
    free(env);
    free(expl);
    assert_int_equal(chdir(cwd), 0);
    tu_rmdir(&dir);
}

/* ---- setting, printing, the repository's config.ini -------------------------- */

static void test_config_set(void **state)
{
    (void)state;
    config *c = NULL;
    st_err e;
    assert_int_equal(config_new(&c, &e), ST_OK);
    assert_int_equal(config_set(c, "workflow.review_days", "012", &e), ST_OK);
    assert_int_equal(config_int(c, "workflow.review_days"), 12);
    assert_int_equal(config_set(c, "workflow.review_days", "abc", &e), ST_EINVAL);
    assert_string_equal(e.msg, "workflow.review_days: phải là số nguyên từ 1 đến 60 "
                        "(đang là \"abc\")");
    assert_int_equal(config_int(c, "workflow.review_days"), 12);   /* unchanged */
    assert_int_equal(config_set(c, "nope.key", "1", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "nope.key"));
    assert_int_equal(config_set(c, "site.name", "Vie\xCC\xA3\xCC\x82t", &e), ST_OK);
    assert_string_equal(config_str(c, "site.name"), "Vi\xE1\xBB\x87t");
    assert_int_equal(config_set(c, "site.name", "a\x1b[2Jb", &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "^[[2J"));   /* shown safely */
    assert_int_equal(config_set(c, "org.name", "bad\xFF", &e), ST_EINVAL);
    config_free(&c);
}

/* Values that need quoting survive print → load. */
static void test_print_values_round_trip(void **state)
{
    (void)state;
    config *c = NULL, *back = NULL;
    st_err e;
    assert_int_equal(config_new(&c, &e), ST_OK);
    assert_int_equal(config_set(c, "database.path", "/data/a;b#c.db", &e), ST_OK);
    assert_int_equal(config_set(c, "org.name", " leading space", &e), ST_OK);
    assert_int_equal(config_set(c, "org.place", "say \"hi\"", &e), ST_OK);
    assert_int_equal(config_set(c, "ui.color", "no", &e), ST_OK);
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "out.ini", "");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    config_print_values(c, f);
    fclose(f);
    assert_int_equal(config_load_file(path, &back, &e), ST_OK);
    for (size_t i = 0; config_key(i); i++)
        assert_string_equal(config_str(back, config_key(i)), config_str(c, config_key(i)));
    assert_int_equal(config_bool(back, "ui.color"), 0);
    config_free(&back);
    config_free(&c);
    free(path);
    tu_rmdir(&dir);
}

static void test_print_help(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    config_print_help(f);
    fclose(f);
    for (size_t i = 0; config_key(i); i++)
        assert_non_null(strstr(buf, config_key(i)));
    assert_non_null(strstr(buf, "int 1..60"));
    assert_non_null(strstr(buf, "vi|en"));
    free(buf);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *buf = calloc(1, 1 << 16);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Tests run from the repository root. */
static void test_repo_config_ini(void **state)
{
    (void)state;
    config *c = NULL, *def = NULL;
    st_err e;
    err_clear(&e);
    if (config_load_file("config.ini", &c, &e) != ST_OK) fail_msg("%s", e.msg);
    assert_int_equal(config_new(&def, &e), ST_OK);
    char *text = slurp("config.ini");
    for (size_t i = 0; config_key(i); i++) {
        const char *k = config_key(i), *dot = strchr(k, '.');
        char sec[64], line[128];
        snprintf(sec, sizeof sec, "\n[%.*s]\n", (int)(dot - k), k);
        snprintf(line, sizeof line, "\n%s = ", dot + 1);
        if (!strstr(text, sec) || !strstr(text, line)) fail_msg("config.ini lacks %s", k);
        /* The shipped file shows the defaults. */
        assert_string_equal(config_str(c, k), config_str(def, k));
    }
    free(text);
    config_free(&c);
    config_free(&def);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_unknown_key_and_section),
        cmocka_unit_test(test_renamed_key),
        cmocka_unit_test(test_int_errors),
        cmocka_unit_test(test_octal_is_decimal),
        cmocka_unit_test(test_bool_and_enum),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_string_checks),
        cmocka_unit_test(test_missing_and_unreadable),
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_lookup_order),
        cmocka_unit_test(test_config_set),
        cmocka_unit_test(test_print_values_round_trip),
        cmocka_unit_test(test_print_help),
        cmocka_unit_test(test_repo_config_ini),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
