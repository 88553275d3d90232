/* Unit tests for src/csv.c: the RFC 4180 reader and writer. */
#define _XOPEN_SOURCE 700   /* posix_openpt */
#include <fcntl.h>
#include <termios.h>

#include "testutil.h"

#include "base/csv.h"

/* A reader over an in-memory copy of text (len bytes, may hold NULs). */
typedef struct {
    FILE *f;
    csv_reader *r;
    char *buf;
} src;

static void src_open(src *s, const char *text, size_t len)
{
    s->buf = malloc(len + 1);
    assert_non_null(s->buf);
    memcpy(s->buf, text, len);
    s->buf[len] = '\0';
    s->f = len ? fmemopen(s->buf, len, "r") : fopen("/dev/null", "r");
    assert_non_null(s->f);
    assert_int_equal(csv_open(s->f, &s->r), ST_OK);
}

static void src_close(src *s)
{
    csv_close(&s->r);
    assert_null(s->r);
    fclose(s->f);
    free(s->buf);
}

/* Read the next record and compare it with want[0..n-1]. */
static void expect_row(src *s, long line, int n, const char *const *want)
{
    char **f;
    int nf;
    st_err e;
    err_clear(&e);
    int rc = csv_next(s->r, &f, &nf, &e);
    if (rc != 1) fail_msg("csv_next = %d: %s", rc, e.msg);
    assert_int_equal(nf, n);
    for (int i = 0; i < n; i++) assert_string_equal(f[i], want[i]);
    assert_int_equal(csv_line(s->r), line);
}

static void expect_end(src *s)
{
    char **f;
    int nf;
    st_err e;
    assert_int_equal(csv_next(s->r, &f, &nf, &e), 0);
    assert_int_equal(csv_next(s->r, &f, &nf, &e), 0);   /* and stays there */
}

/* Expect an error whose message contains needle. */
static void expect_error(src *s, const char *needle)
{
    char **f;
    int nf;
    st_err e;
    err_clear(&e);
    assert_int_equal(csv_next(s->r, &f, &nf, &e), -1);
    assert_int_equal(e.code, ST_EINVAL);
    if (!strstr(e.msg, needle)) fail_msg("\"%s\" lacks \"%s\"", e.msg, needle);
}

#define ROW(...) ((const char *const[]){__VA_ARGS__})
#define NROW(...) (int)(sizeof ROW(__VA_ARGS__) / sizeof(const char *))
#define EXPECT(s, line, ...) expect_row(s, line, NROW(__VA_ARGS__), ROW(__VA_ARGS__))
#define OPEN(s, lit) src_open(s, lit, sizeof lit - 1)

static void test_plain_fields(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "a,b,c\n1,,3\n,\nlast");
    EXPECT(&s, 1, "a", "b", "c");
    EXPECT(&s, 2, "1", "", "3");
    EXPECT(&s, 3, "", "");
    EXPECT(&s, 4, "last");           /* no newline at the end of file */
    expect_end(&s);
    src_close(&s);
}

static void test_empty_file(void **state)
{
    (void)state;
    src s;
    src_open(&s, "", 0);
    expect_end(&s);
    src_close(&s);
    OPEN(&s, "\n\r\n\n");
    expect_end(&s);
    src_close(&s);
}

static void test_quoted_fields(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
             "x \"not quoted\" y,\"\"\"\"\n");
    EXPECT(&s, 1, "a,b", "say \"hi\"", "");
    EXPECT(&s, 2, "x \"not quoted\" y", "\"");
    expect_end(&s);
    src_close(&s);
}

static void test_embedded_newlines(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "1,\"dòng một\ndòng hai\n\ndòng bốn\",x\n"
             "2,\"a\r\nb\",y\n"
             "3,\"c\rd\",z\n");
    EXPECT(&s, 1, "1", "dòng một\ndòng hai\n\ndòng bốn", "x");
    EXPECT(&s, 5, "2", "a\nb", "y");     /* CR LF from Excel: one LF */
    EXPECT(&s, 7, "3", "c\nd", "z");     /* a lone CR too */
    expect_end(&s);
    src_close(&s);
}

/* Excel in a comma-decimal locale (Vietnamese) saves "CSV" with ';'. */
static void test_semicolon_file(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "\xEF\xBB\xBFtitle;lead;note\n"
             "Số hóa hồ sơ;Lê Ngọc Phúc;\"a; b, c\"\n"
             "x,y;z;\n");
    EXPECT(&s, 1, "title", "lead", "note");
    EXPECT(&s, 2, "Số hóa hồ sơ", "Lê Ngọc Phúc", "a; b, c");
    EXPECT(&s, 3, "x,y", "z", "");
    expect_end(&s);
    src_close(&s);
    /* A comma on the first line keeps ',' (a ';' in a cell is data). */
    OPEN(&s, "date,kind,name\n2026-01-01,holiday,Tết; Dương lịch\n");
    EXPECT(&s, 1, "date", "kind", "name");
    EXPECT(&s, 2, "2026-01-01", "holiday", "Tết; Dương lịch");
    expect_end(&s);
    src_close(&s);
}

static void test_crlf_and_blank_lines(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "a,b\r\n\r\nc,d\r\n\"e\",f\r\ng\rh\r\n");
    EXPECT(&s, 1, "a", "b");
    EXPECT(&s, 3, "c", "d");
    EXPECT(&s, 4, "e", "f");
    EXPECT(&s, 5, "g");              /* a lone CR ends a line too */
    EXPECT(&s, 6, "h");
    expect_end(&s);
    src_close(&s);
}

static void test_bom(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "\xEF\xBB\xBF" "date,kind\n\xEF\xBB\xBFx,y\n");
    EXPECT(&s, 1, "date", "kind");
    EXPECT(&s, 2, "\xEF\xBB\xBFx", "y");   /* only the first one is skipped */
    expect_end(&s);
    src_close(&s);
    OPEN(&s, "\xEF\xBB\xBF");
    expect_end(&s);
    src_close(&s);
    OPEN(&s, "\xEF\xBB");                  /* a cut BOM is data */
    EXPECT(&s, 1, "\xEF\xBB");
    src_close(&s);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "a,b\nc,\"never closed\nmore\nlines\n");
    EXPECT(&s, 1, "a", "b");
    expect_error(&s, "dòng 2:");
    expect_error(&s, "dòng 2:");           /* the error is sticky */
    src_close(&s);

    OPEN(&s, "h\n\n\"x\n");
    assert_int_equal(csv_set_name(s.r, "nhap.csv"), ST_OK);
    EXPECT(&s, 1, "h");
    expect_error(&s, "nhap.csv:3: ");
    src_close(&s);
}

static void test_junk_after_quote(void **state)
{
    (void)state;
    src s;
    OPEN(&s, "ok\n\"ab\"c,d\n");
    EXPECT(&s, 1, "ok");
    expect_error(&s, "dòng 2: ký tự thừa");
    src_close(&s);
}

static void test_nul_byte(void **state)
{
    (void)state;
    src s;
    src_open(&s, "a\n\0b\n", 5);   /* what a UTF-16 file looks like */
    EXPECT(&s, 1, "a");
    expect_error(&s, "NUL");
    src_close(&s);
}

static void test_field_size_limit(void **state)
{
    (void)state;
    size_t n = (size_t)CSV_MAX_FIELD;
    char *big = malloc(n + 8);
    assert_non_null(big);
    memset(big, 'x', n);
    memcpy(big + n, ",y\n", 3);
    src s;
    src_open(&s, big, n + 3);      /* exactly the limit: accepted */
    char **f;
    int nf;
    st_err e;
    assert_int_equal(csv_next(s.r, &f, &nf, &e), 1);
    assert_int_equal(nf, 2);
    assert_int_equal(strlen(f[0]), n);
    src_close(&s);

    big[0] = '"';                   /* one byte over, inside quotes */
    memset(big + 1, 'x', n);
    memcpy(big + n + 1, "x\"\n", 3);
    src_open(&s, big, n + 4);
    expect_error(&s, "dòng 1: trường dài quá 4 MiB");
    src_close(&s);
    free(big);
}

static void test_many_fields_limit(void **state)
{
    (void)state;
    size_t n = CSV_MAX_FIELDS + 1;
    char *commas = malloc(n + 1);
    assert_non_null(commas);
    memset(commas, ',', n);        /* n commas make n + 1 fields */
    src s;
    src_open(&s, commas, n);
    expect_error(&s, "trường");
    src_close(&s);
    free(commas);
}

static void test_vietnamese_untouched(void **state)
{
    (void)state;
    /* NFC and decomposed (NFD) spellings must both come back byte-exact:
     * normalising is text.c's job, not the reader's. */
    const char *nfc = "Đề xuất đổi mới, sáng tạo";
    const char *nfd = "Tie\xCC\x82\xCC\x81t Nguye\xCC\x82n \xC4\x90" "a\xCC\x81n";
    char text[256];
    snprintf(text, sizeof text, "\"%s\",%s,Ủy ban nhân dân xã\n", nfc, nfd);
    src s;
    src_open(&s, text, strlen(text));
    EXPECT(&s, 1, nfc, nfd, "Ủy ban nhân dân xã");
    src_close(&s);
}

/* Write rows with csv_write_row and read them back. */
static void round_trip(const char *const *fields, int n, const char *want_text)
{
    char *out = NULL;
    size_t len = 0;
    FILE *w = open_memstream(&out, &len);
    assert_non_null(w);
    csv_write_row(w, fields, n);
    csv_write_row(w, fields, n);
    fclose(w);
    if (want_text) {
        size_t half = strlen(want_text);
        assert_int_equal(len, 2 * half);
        assert_memory_equal(out, want_text, half);
    }
    src s;
    src_open(&s, out, len);
    expect_row(&s, 1, n, fields);
    char **f;
    int nf;
    st_err e;
    assert_int_equal(csv_next(s.r, &f, &nf, &e), 1);
    assert_int_equal(nf, n);
    for (int i = 0; i < n; i++) assert_string_equal(f[i], fields[i]);
    expect_end(&s);
    src_close(&s);
    free(out);
}

static void test_writer_quoting(void **state)
{
    (void)state;
    round_trip(ROW("a", "b c", ""), 3, "a,b c,\n");
    /* A CR is quoted when written (it is read back as a line break). */
    round_trip(ROW("x,y", "say \"hi\"", "l1\nl2", "semi;colon"), 4,
               "\"x,y\",\"say \"\"hi\"\"\",\"l1\nl2\",semi;colon\n");
    round_trip(ROW(" lead", "trail ", "t\t", "in side"), 4,
               "\" lead\",\"trail \",\"t\t\",in side\n");
    round_trip(ROW(""), 1, "\"\"\n");          /* not a blank line */
    round_trip(ROW("", ""), 2, ",\n");
    round_trip(ROW("Quốc khánh", "Tết Nguyên Đán, mùng 1", "\"\""), 3,
               "Quốc khánh,\"Tết Nguyên Đán, mùng 1\",\"\"\"\"\"\"\n");
}

/* Text only the program wrote, read into spreadsheets: nothing runs as a
 * formula; plain numbers stay numbers. */
static void test_writer_formulas(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *w = open_memstream(&out, &len);
    assert_non_null(w);
    csv_write_row(w, ROW("=SUM(A1:A9)", "+84 912", "@cmd", "- Hoàn thành", "-5", "+84", "12,5",
                         "\tx", "a=b"), 9);
    fclose(w);
    assert_string_equal(out, "'=SUM(A1:A9),'+84 912,'@cmd,'- Hoàn thành,-5,+84,\"12,5\","
                             "\"'\tx\",a=b\n");
    free(out);
}

/* To a terminal, a stored escape sequence is shown, never sent. */
static void test_writer_terminal(void **state)
{
    (void)state;
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) skip();
    int sfd = open(ptsname(m), O_RDWR | O_NOCTTY);
    assert_true(sfd >= 0);
    struct termios t;
    assert_int_equal(tcgetattr(sfd, &t), 0);
    cfmakeraw(&t);
    assert_int_equal(tcsetattr(sfd, TCSANOW, &t), 0);
    FILE *w = fdopen(sfd, "w");
    assert_non_null(w);
    csv_write_row(w, ROW("Một cửa \x1b[31mđỏ", "chuông\x07", "c1\xc2\x9bx"), 3);
    fclose(w);
    char buf[256];
    ssize_t n = read(m, buf, sizeof buf - 1);
    assert_true(n > 0);
    buf[n] = '\0';
    close(m);
    assert_null(strchr(buf, 0x1b));
    assert_string_equal(buf, "Một cửa ^[[31mđỏ,chuông^G,c1<U+009B>x\n");
}

static void test_writer_null_field(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *w = open_memstream(&out, &len);
    assert_non_null(w);
    const char *row[] = {"a", NULL, "c"};
    csv_write_row(w, row, 3);
    csv_write_field(w, NULL);
    fclose(w);
    assert_string_equal(out, "a,,c\n");
    free(out);
}

static void test_real_file(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = tu_write(dir, "don_vi.csv",
                          "\xEF\xBB\xBF" "ma,ten\r\n"
                          "QN,\"Tỉnh Quy Nhơn, Bình Định\"\r\n");
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    csv_reader *r = NULL;
    assert_int_equal(csv_open(f, &r), ST_OK);
    char **fl;
    int nf;
    st_err e;
    assert_int_equal(csv_next(r, &fl, &nf, &e), 1);
    assert_string_equal(fl[0], "ma");
    assert_int_equal(csv_next(r, &fl, &nf, &e), 1);
    assert_int_equal(nf, 2);
    assert_string_equal(fl[1], "Tỉnh Quy Nhơn, Bình Định");
    assert_int_equal(csv_next(r, &fl, &nf, &e), 0);
    csv_close(&r);
    fclose(f);
    free(path);
    tu_rmdir(&dir);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    csv_reader *r = (csv_reader *)1;
    assert_int_equal(csv_open(NULL, &r), ST_EINVAL);
    assert_null(r);
    assert_int_equal(csv_open(stdin, NULL), ST_EINVAL);
    csv_close(NULL);
    csv_close(&r);
    assert_int_equal(csv_line(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_fields),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_embedded_newlines),
        cmocka_unit_test(test_crlf_and_blank_lines),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_junk_after_quote),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_field_size_limit),
        cmocka_unit_test(test_many_fields_limit),
        cmocka_unit_test(test_vietnamese_untouched),
        cmocka_unit_test(test_writer_quoting),
        cmocka_unit_test(test_writer_null_field),
        cmocka_unit_test(test_writer_formulas),
        cmocka_unit_test(test_writer_terminal),
        cmocka_unit_test(test_real_file),
        cmocka_unit_test(test_semicolon_file),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
