/* Unit tests for src/workdays.c: dates, the calendar and data/holidays.csv. */
#include "testutil.h"

#include "base/csv.h"
#include "base/workdays.h"

static st_day D(const char *s)
{
    st_day d = 0;
    st_err e;
    err_clear(&e);
    if (date_parse(s, &d, &e) != ST_OK) fail_msg("%s", e.msg);
    return d;
}

static void assert_iso(st_day d, const char *want)
{
    char buf[11];
    date_iso(d, buf);
    assert_string_equal(buf, want);
}

/* --- dates ------------------------------------------------------------ */

static void test_known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(D("1970-01-01"), 0);
    assert_int_equal(D("1969-12-31"), -1);
    assert_int_equal(D("2000-02-29"), 11016);
    assert_int_equal(D("2000-03-01"), 11017);
    assert_int_equal(D("0001-01-01"), -719162);
    assert_int_equal(D("9999-12-31"), 2932896);
    assert_iso(-719162, "0001-01-01");
    assert_iso(2932896, "9999-12-31");
    assert_iso(-1, "1969-12-31");
    assert_iso(D("1600-02-29"), "1600-02-29");
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Walk every day 1970–2100 with a naive y/m/d counter and check both
 * formats both ways. */
static void test_round_trip_1970_2100(void **state)
{
    (void)state;
    static const int mlen[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 1970, m = 1, d = 1, leap_days = 0;
    st_day day = 0;
    char want[40], buf[11];
    while (y <= 2100) {
        snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
        date_iso(day, buf);
        assert_string_equal(buf, want);
        assert_int_equal(D(want), day);
        snprintf(want, sizeof want, "%02d/%02d/%04d", d, m, y);
        date_vn(day, buf);
        assert_string_equal(buf, want);
        assert_int_equal(D(want), day);
        snprintf(want, sizeof want, "%d/%d/%d", d, m, y);
        assert_int_equal(D(want), day);
        if (m == 2 && d == 29) leap_days++;
        int len = mlen[m - 1] + (m == 2 && leap(y));
        if (++d > len) {
            d = 1;
            if (++m > 12) m = 1, y++;
        }
        day++;
    }
    assert_int_equal(leap_days, 32);    /* 1972 … 2096; 2100 is not leap */
    assert_iso(day, "2101-01-01");
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(D("1970-01-01")), 3);   /* Thursday */
    assert_int_equal(date_weekday(D("1969-12-31")), 2);   /* Wednesday */
    assert_int_equal(date_weekday(D("1945-09-02")), 6);   /* Sunday */
    assert_int_equal(date_weekday(D("2000-01-01")), 5);   /* Saturday */
    assert_int_equal(date_weekday(D("2024-02-29")), 3);   /* Thursday */
    assert_int_equal(date_weekday(D("2026-02-17")), 1);   /* Tuesday, Tết */
    assert_int_equal(date_weekday(D("2026-03-02")), 0);   /* Monday */
    assert_int_equal(date_weekday(D("2030-02-02")), 5);   /* Saturday */
}

static void test_parse_accepts(void **state)
{
    (void)state;
    assert_int_equal(D(" 17/02/2026 "), D("2026-02-17"));
    assert_int_equal(D("1/2/2026"), D("2026-02-01"));
    assert_int_equal(D("01/2/2026"), D("2026-02-01"));
    assert_int_equal(D("29/02/2024"), D("2024-02-29"));
    assert_int_equal(D("29/02/2000"), D("2000-02-29"));
    assert_int_equal(D("31/12/2099"), D("2099-12-31"));
    st_day d = 0;
    assert_int_equal(date_parse("2026-02-17", &d, NULL), ST_OK);
    assert_int_equal(date_parse("2026-02-17", NULL, NULL), ST_OK);
}

static void test_parse_rejects(void **state)
{
    (void)state;
    st_err e;
    st_day d = 12345;
    err_clear(&e);
    assert_int_equal(date_parse("31/02/2026", &d, &e), ST_EINVAL);
    assert_int_equal(e.code, ST_EINVAL);
    assert_string_equal(e.msg,
                        "Ngày không hợp lệ: \"31/02/2026\" (dùng dd/mm/yyyy)");
    assert_int_equal(d, 12345);         /* untouched on error */

    static const char *bad[] = {
        "", "   ", "29/02/2026", "29/02/2100", "2026-02-30", "2026-13-01",
        "00/01/2026", "01/00/2026", "32/01/2026", "0000-01-01",
        "2026-2-3", "17/02/26", "17-02-2026", "2026/02/17", "+1/2/2026",
        "1/2/ 2026", "2026-02-17x", "17/02/2026/", "ngày 17/02/2026",
        "17.02.2026", "100/1/2026", "1/100/2026", "17/02/20261", "abc",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err_clear(&e);
        if (date_parse(bad[i], &d, &e) != ST_EINVAL)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_non_null(strstr(e.msg, "Ngày không hợp lệ"));
    }
    assert_int_equal(date_parse(NULL, &d, &e), ST_EINVAL);
    assert_int_equal(date_parse("x", &d, NULL), ST_EINVAL);
}

static void test_parse_message_is_safe(void **state)
{
    (void)state;
    st_err e;
    /* Control bytes hidden, long input cut on a character boundary. */
    assert_int_equal(date_parse("1\x1b[2J/2/2026", NULL, &e), ST_EINVAL);
    assert_null(strchr(e.msg, '\x1b'));
    char longin[200] = "x";            /* odd: the cut lands mid-character */
    for (int i = 0; i < 30; i++) strcat(longin, "đ");  /* 2 bytes each */
    assert_int_equal(date_parse(longin, NULL, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "đđ…\""));
    assert_true(strlen(e.msg) < 120);
}

static void test_today_override(void **state)
{
    (void)state;
    setenv("SANGTAO_TODAY", "2026-02-17", 1);
    assert_int_equal(date_today(), D("2026-02-17"));
    setenv("SANGTAO_TODAY", "31/02/2026", 1);     /* invalid: real clock */
    st_day now = date_today();
    assert_true(now > D("2020-01-01"));
    unsetenv("SANGTAO_TODAY");
    assert_int_equal(date_today(), now);
}

/* --- the calendar ----------------------------------------------------- */

static calendar *cal_with(const char *const *days, char kind, calendar *c)
{
    if (!c) assert_int_equal(calendar_new(&c), ST_OK);
    for (; days && *days; days++)
        assert_int_equal(calendar_add(c, D(*days), kind), ST_OK);
    return c;
}

/* Working days in (from, to], both given as text. */
static int between(const calendar *c, const char *from, const char *to)
{
    return calendar_working_days_between(c, D(from), D(to));
}

static void assert_add(const calendar *c, const char *from, int n, const char *want)
{
    assert_iso(calendar_add_working_days(c, D(from), n), want);
}

static void test_weekends(void **state)
{
    (void)state;
    calendar *c = cal_with(NULL, 0, NULL);
    assert_add(c, "2026-03-06", 0, "2026-03-06");   /* Friday */
    assert_add(c, "2026-03-06", 1, "2026-03-09");   /* → Monday */
    assert_add(c, "2026-03-07", 0, "2026-03-07");   /* Saturday stays */
    assert_add(c, "2026-03-07", 1, "2026-03-09");
    assert_add(c, "2026-03-08", 5, "2026-03-13");
    assert_add(c, "2026-03-09", 5, "2026-03-16");   /* Monday → Monday */
    assert_add(c, "2026-03-07", 5, "2026-03-13");   /* Saturday → Friday */
    assert_add(c, "2026-03-07", 10, "2026-03-20");
    assert_add(c, "2026-03-02", 15, "2026-03-23");
    assert_true(calendar_is_working_day(c, D("2026-03-06")));
    assert_false(calendar_is_working_day(c, D("2026-03-07")));
    assert_false(calendar_is_working_day(c, D("2026-03-08")));
    /* No calendar at all means weekends only. */
    assert_add(NULL, "2026-03-06", 1, "2026-03-09");
    assert_int_equal(between(NULL, "2026-03-06", "2026-03-13"), 5);
    calendar_free(&c);
    assert_null(c);
    calendar_free(&c);
}

static void test_tet_2026(void **state)
{
    (void)state;
    static const char *tet[] = {
        "2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18",
        "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", NULL,
    };
    calendar *c = cal_with(tet, 'H', NULL);
    /* Fri 13/02 + 7: 23, 24, 25, 26, 27/02, 02/03, 03/03. */
    assert_add(c, "2026-02-13", 7, "2026-03-03");
    assert_add(c, "2026-02-13", 1, "2026-02-23");
    assert_add(c, "2026-02-12", 1, "2026-02-13");
    assert_add(c, "2026-02-17", 0, "2026-02-17");   /* n = 0: d itself */
    assert_add(c, "2026-02-17", 1, "2026-02-23");
    assert_int_equal(between(c, "2026-02-13", "2026-03-03"), 7);
    assert_int_equal(between(c, "2026-02-13", "2026-02-22"), 0);
    assert_int_equal(between(c, "2026-02-01", "2026-02-28"), 15);
    assert_false(calendar_is_working_day(c, D("2026-02-16")));
    calendar_free(&c);
}

static void test_makeup_saturday(void **state)
{
    (void)state;
    static const char *off[] = {"2025-04-30", "2025-05-01", "2025-05-02", NULL};
    static const char *on[] = {"2025-04-26", NULL};
    calendar *c = cal_with(on, 'W', cal_with(off, 'H', NULL));
    assert_true(calendar_is_working_day(c, D("2025-04-26")));     /* Saturday */
    assert_false(calendar_is_working_day(c, D("2025-04-27")));
    assert_add(c, "2025-04-25", 1, "2025-04-26");
    assert_add(c, "2025-04-25", 2, "2025-04-28");
    assert_add(c, "2025-04-25", 3, "2025-04-29");
    assert_add(c, "2025-04-25", 4, "2025-05-05");
    assert_add(c, "2025-04-21", 10, "2025-05-07");
    assert_int_equal(between(c, "2025-04-25", "2025-04-26"), 1);
    assert_int_equal(between(c, "2025-04-20", "2025-05-04"), 8);
    calendar_free(&c);
}

static void test_between_edges(void **state)
{
    (void)state;
    calendar *c = cal_with(NULL, 0, NULL);
    st_day mon = D("2026-03-02");
    assert_int_equal(calendar_working_days_between(c, mon, mon), 0);
    assert_int_equal(calendar_working_days_between(c, mon + 3, mon), 0);
    assert_int_equal(calendar_working_days_between(c, mon - 3, mon), 1);   /* Fri → Mon */
    assert_int_equal(calendar_working_days_between(c, mon, mon + 7), 5);
    assert_int_equal(calendar_working_days_between(c, mon + 5, mon + 6), 0);   /* Sat → Sun */
    assert_int_equal(between(c, "1969-12-26", "1970-01-09"), 10);
    assert_int_equal(between(c, "2026-01-01", "2027-01-01"), 261);
    calendar_free(&c);
}

static void test_add_kinds(void **state)
{
    (void)state;
    calendar *c = cal_with(NULL, 0, NULL);
    assert_int_equal(calendar_add(c, D("2026-01-03"), 'X'), ST_EINVAL);
    assert_int_equal(calendar_add(NULL, D("2026-01-03"), 'H'), ST_EINVAL);
    assert_int_equal(calendar_new(NULL), ST_EINVAL);
    /* The later entry for a day wins; adds out of order stay sorted. */
    assert_int_equal(calendar_add(c, D("2026-01-03"), 'W'), ST_OK);
    assert_true(calendar_is_working_day(c, D("2026-01-03")));
    assert_int_equal(calendar_add(c, D("2026-01-03"), 'H'), ST_OK);
    assert_false(calendar_is_working_day(c, D("2026-01-03")));
    st_day thu = D("2026-01-01");
    for (int i = 200; i > 0; i--)
        assert_int_equal(calendar_add(c, thu + i * 7L, 'H'), ST_OK);
    for (int i = 1; i <= 200; i++)
        assert_false(calendar_is_working_day(c, thu + i * 7L));
    assert_true(calendar_is_working_day(c, D("2026-01-02")));
    calendar_free(&c);
}

/* --- data/holidays.csv ------------------------------------------------ */

static calendar *load_repo_calendar(void)
{
    FILE *f = fopen("data/holidays.csv", "r");
    if (!f) fail_msg("data/holidays.csv not found (run from the repo root)");
    calendar *c = NULL;
    assert_int_equal(calendar_new(&c), ST_OK);
    st_err e;
    err_clear(&e);
    int rc = calendar_load_csv(c, f, "holidays.csv", &e);
    fclose(f);
    if (rc != ST_OK) fail_msg("%s", e.msg);
    return c;
}

/* Every data row is date,holiday|workday,name; returns the set of years. */
static void check_rows(unsigned char years[10000])
{
    FILE *f = fopen("data/holidays.csv", "r");
    assert_non_null(f);
    csv_reader *r = NULL;
    assert_int_equal(csv_open(f, &r), ST_OK);
    char **fl;
    int nf, rc, rows = 0;
    st_err e;
    while ((rc = csv_next(r, &fl, &nf, &e)) == 1) {
        if (fl[0][0] == '#' || strcmp(fl[0], "date") == 0) continue;
        assert_int_equal(nf, 3);
        st_day d;
        if (date_parse(fl[0], &d, &e) != ST_OK)
            fail_msg("line %ld: %s", csv_line(r), e.msg);
        assert_true(strcmp(fl[1], "holiday") == 0 || strcmp(fl[1], "workday") == 0);
        assert_true(strlen(fl[2]) > 0);
        years[atoi(fl[0])] = 1;
        rows++;
    }
    assert_int_equal(rc, 0);
    assert_true(rows > 60);
    csv_close(&r);
    fclose(f);
}

static void test_repo_file_loads(void **state)
{
    (void)state;
    unsigned char years[10000] = {0};
    check_rows(years);
    int n = 0;
    for (int y = 0; y < 10000; y++) n += years[y];
    assert_true(n >= 6);
    for (int y = 2025; y <= 2030; y++) assert_true(years[y]);

    calendar *c = load_repo_calendar();
    /* Fixed-date holidays every year, and every year's net days off on
     * weekdays is the Labour Code's 11 (swaps are paid back by make-up
     * days, weekend holidays are given back on the next working day). */
    for (int y = 2025; y <= 2030; y++) {
        static const char *fixed[] = {"01-01", "04-30", "05-01", "09-02"};
        char buf[40];
        for (int i = 0; i < 4; i++) {
            snprintf(buf, sizeof buf, "%d-%s", y, fixed[i]);
            assert_false(calendar_is_working_day(c, D(buf)));
        }
        snprintf(buf, sizeof buf, "%d-12-31", y - 1);
        st_day start = D(buf);
        snprintf(buf, sizeof buf, "%d-12-31", y);
        int plain = calendar_working_days_between(NULL, start, D(buf));
        int real = calendar_working_days_between(c, start, D(buf));
        if (plain - real != 11)
            fail_msg("%d: %d weekdays off, not 11", y, plain - real);
    }
    calendar_free(&c);
}

static void test_repo_file_schedules(void **state)
{
    (void)state;
    calendar *c = load_repo_calendar();
    assert_add(c, "2026-02-13", 7, "2026-03-03");     /* Tết 14–22/02 */
    assert_true(calendar_is_working_day(c, D("2026-01-10")));   /* make-up Saturday */
    assert_true(calendar_is_working_day(c, D("2026-08-22")));
    assert_true(calendar_is_working_day(c, D("2025-04-26")));
    assert_false(calendar_is_working_day(c, D("2026-04-27")));  /* Giỗ Tổ on Sunday */
    assert_add(c, "2025-01-24", 1, "2025-02-03");     /* Tết 2025 */
    assert_add(c, "2025-12-31", 1, "2026-01-05");     /* 1–4/01/2026 */
    assert_add(c, "2026-01-09", 1, "2026-01-10");
    assert_add(c, "2026-08-28", 1, "2026-09-03");     /* 29/08–02/09 */
    assert_add(c, "2030-01-31", 1, "2030-02-08");     /* Tết 2030 (planned) */
    calendar_free(&c);
}

/* Reference versions, one day at a time, to check the week-jumping code. */
static int slow_between(const calendar *c, st_day from, st_day to)
{
    int n = 0;
    for (st_day d = from + 1; d <= to; d++) n += calendar_is_working_day(c, d);
    return n;
}

static st_day slow_add(const calendar *c, st_day d, int n)
{
    while (n > 0) n -= calendar_is_working_day(c, ++d);
    return d;
}

static void test_fast_matches_slow(void **state)
{
    (void)state;
    calendar *c = load_repo_calendar();
    assert_int_equal(calendar_add(c, D("2027-02-13"), 'W'), ST_OK);  /* extra cases */
    assert_int_equal(calendar_add(c, D("2027-02-14"), 'W'), ST_OK);
    for (st_day from = D("2024-12-01"); from < D("2031-02-01"); from += 5) {
        for (int n = 0; n <= 70; n += (n < 12 ? 1 : 7)) {
            st_day got = calendar_add_working_days(c, from, n);
            if (got != slow_add(c, from, n)) {
                char a[11];
                date_iso(from, a);
                fail_msg("%s + %d", a, n);
            }
        }
        for (int span = 0; span < 120; span += 11)
            assert_int_equal(calendar_working_days_between(c, from, from + span),
                             slow_between(c, from, from + span));
    }
    calendar_free(&c);
}

/* --- loading errors --------------------------------------------------- */

/* Load text as a file named t.csv into c; returns the code, message in e. */
static int load_text(calendar *c, const char *text, st_err *e)
{
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "t.csv", text);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    err_clear(e);
    int rc = calendar_load_csv(c, f, "t.csv", e);
    fclose(f);
    free(path);
    tu_rmdir(&dir);
    return rc;
}

static void expect_load_error(const char *text, const char *needle)
{
    calendar *c = cal_with(NULL, 0, NULL);
    st_err e;
    assert_int_equal(load_text(c, text, &e), ST_EINVAL);
    if (!strstr(e.msg, needle)) fail_msg("\"%s\" lacks \"%s\"", e.msg, needle);
    calendar_free(&c);
}

static void test_load_errors(void **state)
{
    (void)state;
    expect_load_error("date,kind,name\n2026-01-01,holiday,A\n# ghi chú\n"
                      "31/02/2026,holiday,B\n",
                      "t.csv:4: Ngày không hợp lệ: \"31/02/2026\"");
    expect_load_error("2026-01-01,nghỉ,A\n",
                      "t.csv:1: loại ngày \"nghỉ\" không hợp lệ");
    expect_load_error("date,kind,name\n\n2026-01-05,workday,X\n",
                      "t.csv:3: ngày làm bù 2026-01-05 không phải thứ Bảy");
    expect_load_error("2026-01-03,holiday,A\n03/01/2026,workday,B\n",
                      "t.csv:2: ngày 2026-01-03 vừa là ngày nghỉ vừa là ngày làm bù");
    expect_load_error("date,kind,name\n2026-01-01\n", "t.csv:2: cần 3 cột");
    expect_load_error("2026-01-01,holiday,A,B\n", "t.csv:1: cần 3 cột");
    expect_load_error("2026-01-01,holiday,A\ndate,kind,name\n", "t.csv:2: Ngày");
    expect_load_error("2026-01-01,holiday,A\n\n2026-01-02,holiday,\"B\nC\n",
                      "t.csv:3: dấu ngoặc kép");
}

static void test_load_error_changes_nothing(void **state)
{
    (void)state;
    calendar *c = cal_with(NULL, 0, NULL);
    assert_int_equal(calendar_add(c, D("2026-03-02"), 'H'), ST_OK);
    st_err e;
    assert_int_equal(load_text(c, "2026-03-03,holiday,A\n2026-03-04,bad,B\n", &e),
                     ST_EINVAL);
    assert_true(calendar_is_working_day(c, D("2026-03-03")));
    assert_false(calendar_is_working_day(c, D("2026-03-02")));
    assert_int_equal(calendar_load_csv(NULL, stdin, "x", &e), ST_EINVAL);
    assert_int_equal(calendar_load_csv(c, NULL, NULL, &e), ST_EINVAL);
    calendar_free(&c);
}

static void test_load_lenient_forms(void **state)
{
    (void)state;
    calendar *c = cal_with(NULL, 0, NULL);
    st_err e;
    /* BOM, CRLF, no header, comments with commas, spaces, dd/mm/yyyy,
     * upper case kinds, a missing name, a repeated identical row. */
    int rc = load_text(c, "\xEF\xBB\xBF# lịch, thử\r\n"
                          " 2026-03-03 , HOLIDAY , Ngày thử\r\n"
                          "\r\n"
                          "07/03/2026,Workday\r\n"
                          "2026-03-03,holiday,\"Ngày thử, lần hai\"\r\n", &e);
    if (rc != ST_OK) fail_msg("%s", e.msg);
    assert_false(calendar_is_working_day(c, D("2026-03-03")));
    assert_true(calendar_is_working_day(c, D("2026-03-07")));
    assert_int_equal(between(c, "2026-03-01", "2026-03-08"), 5);
    /* A second file adds to the first. */
    rc = load_text(c, "2026-03-04,holiday,B\n", &e);
    assert_int_equal(rc, ST_OK);
    assert_false(calendar_is_working_day(c, D("2026-03-03")));
    assert_false(calendar_is_working_day(c, D("2026-03-04")));
    calendar_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_day_numbers),
        cmocka_unit_test(test_round_trip_1970_2100),
        cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_parse_accepts),
        cmocka_unit_test(test_parse_rejects),
        cmocka_unit_test(test_parse_message_is_safe),
        cmocka_unit_test(test_today_override),
        cmocka_unit_test(test_weekends),
        cmocka_unit_test(test_tet_2026),
        cmocka_unit_test(test_makeup_saturday),
        cmocka_unit_test(test_between_edges),
        cmocka_unit_test(test_add_kinds),
        cmocka_unit_test(test_repo_file_loads),
        cmocka_unit_test(test_repo_file_schedules),
        cmocka_unit_test(test_fast_matches_slow),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_load_error_changes_nothing),
        cmocka_unit_test(test_load_lenient_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
