/* Tests for src/text.c: UTF-8 validation, NFC, folding, sanitising, width;
 * and the sbuf string buffer's hand-over. */
#include "testutil.h"
#include "text/text.h"
#include "base/sbuf.h"

/* ---- validation ---------------------------------------------------------- */

struct bad_case {
    const char *s;
    size_t len;
    size_t offset;
    const char *why;
};

static void test_utf8_invalid(void **state)
{
    (void)state;
    static const struct bad_case cases[] = {
        {"ab\x80", 3, 2, "stray continuation byte"},
        {"\xC0\xAF", 2, 0, "overlong 2-byte '/'"},
        {"\xC1\xBF", 2, 0, "overlong 2-byte"},
        {"a\xE0\x80\xAF", 4, 1, "overlong 3-byte"},
        {"\xF0\x82\x82\xAC", 4, 0, "overlong 4-byte"},
        {"x\xED\xA0\x80", 4, 1, "high surrogate U+D800"},
        {"xy\xED\xBF\xBF", 5, 2, "low surrogate U+DFFF"},
        {"\xF4\x90\x80\x80", 4, 0, "U+110000"},
        {"\xF5\x80\x80\x80", 4, 0, "lead byte F5"},
        {"\xFF", 1, 0, "byte FF"},
        {"abc\xE1\xBB", 5, 3, "truncated at the end"},
        {"\xE1\xBBx", 3, 0, "truncated before ASCII"},
        {"Vi\xE1\xBB\x87t", 3, 2, "cut by the length, not the NUL"},
        {"ok \xF0\x9F\x98", 6, 3, "truncated 4-byte"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 999;
        int ok = text_utf8_valid(cases[i].s, cases[i].len, &off);
        if (ok || off != cases[i].offset)
            fail_msg("%s: ok=%d offset=%zu, want offset %zu", cases[i].why, ok, off,
                     cases[i].offset);
    }
    /* No offset pointer wanted: must not crash. */
    assert_false(text_utf8_valid("\xFF", 1, NULL));
}

static void test_utf8_valid(void **state)
{
    (void)state;
    static const char *const good[] = {
        "", "plain ASCII", "Việt Nam", "\xED\x9F\xBF" /* U+D7FF */,
        "\xEE\x80\x80" /* U+E000 */, "\xF4\x8F\xBF\xBF" /* U+10FFFF */,
        "\xF0\x9F\x98\x80" /* emoji */, "\xC2\x80" /* U+0080 */, "中文",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        size_t off = 42;
        assert_true(text_utf8_valid(good[i], strlen(good[i]), &off));
    }
    /* The length decides, so an embedded NUL is just a character. */
    assert_true(text_utf8_valid("a\0b", 3, NULL));
}

/* ---- NFC ----------------------------------------------------------------- */

static void assert_nfc(const char *in, const char *want)
{
    char *out = NULL;
    st_err e;
    err_clear(&e);
    assert_int_equal(text_nfc(in, &out, &e), ST_OK);
    assert_string_equal(out, want);
    free(out);
}

static void test_nfc(void **state)
{
    (void)state;
    /* e + dot below + circumflex, and the other order: both are ệ. */
    assert_nfc("Vie\xCC\xA3\xCC\x82t", "Vi\xE1\xBB\x87t");
    assert_nfc("Vie\xCC\x82\xCC\xA3t", "Vi\xE1\xBB\x87t");
    /* a + breve + acute → ắ; u + horn + hook → ử */
    assert_nfc("a\xCC\x86\xCC\x81", "ắ");
    assert_nfc("u\xCC\x9B\xCC\x89", "ử");
    /* Đ has no decomposition: NFC leaves it alone. */
    assert_nfc("Đảng", "Đảng");
    assert_nfc("", "");
    assert_nfc("already NFC: Tỉnh ủy", "already NFC: Tỉnh ủy");
}

static void test_nfc_invalid(void **state)
{
    (void)state;
    char *out = (char *)1;
    st_err e;
    err_clear(&e);
    assert_int_equal(text_nfc("abc\xFF", &out, &e), ST_EINVAL);
    assert_null(out);
    assert_int_equal(e.code, ST_EINVAL);
    assert_non_null(strstr(e.msg, "byte 3"));
}

/* ---- folding ------------------------------------------------------------- */

static void assert_fold(const char *in, const char *want)
{
    char *out = text_fold(in);
    assert_non_null(out);
    if (strcmp(out, want) != 0) fail_msg("fold(\"%s\") = \"%s\", want \"%s\"", in, out, want);
    free(out);
}

/* Every letter of s (UTF-8) folds to base. */
static void assert_each_folds(const char *s, const char *base)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        char one[8] = {0};
        memcpy(one, p, n);
        assert_fold(one, base);
        p += n;
    }
}

static void test_fold_vowels(void **state)
{
    (void)state;
    assert_each_folds("aàáảãạăằắẳẵặâầấẩẫậ", "a");
    assert_each_folds("AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "a");
    assert_each_folds("eèéẻẽẹêềếểễệ", "e");
    assert_each_folds("EÈÉẺẼẸÊỀẾỂỄỆ", "e");
    assert_each_folds("iìíỉĩị", "i");
    assert_each_folds("IÌÍỈĨỊ", "i");
    assert_each_folds("oòóỏõọôồốổỗộơờớởỡợ", "o");
    assert_each_folds("OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "o");
    assert_each_folds("uùúủũụưừứửữự", "u");
    assert_each_folds("UÙÚỦŨỤƯỪỨỬỮỰ", "u");
    assert_each_folds("yỳýỷỹỵ", "y");
    assert_each_folds("YỲÝỶỸỴ", "y");
    assert_each_folds("dđDĐ", "d");
}

static void test_fold_words(void **state)
{
    (void)state;
    assert_fold("Đặng", "dang");
    assert_fold("đảng", "dang");
    assert_fold("QUẢN LÝ ĐẤT ĐAI", "quan ly dat dai");
    assert_fold("Quản lý Đất đai", "quan ly dat dai");
    /* NFD input folds the same as NFC input. */
    assert_fold("Vie\xCC\xA3\xCC\x82t Nam", "viet nam");
    assert_fold("Nguyễn Thị Thủy", "nguyen thi thuy");
    assert_fold("", "");
    assert_fold("QN-2026-0042", "qn-2026-0042");
    assert_null(text_fold("b\xC3"));
}

/* ---- sanitising ---------------------------------------------------------- */

static void assert_sanitize(const char *in, int keep, const char *want)
{
    char *out = text_sanitize(in, keep);
    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

static void test_sanitize(void **state)
{
    (void)state;
    assert_sanitize("\x1b[31mred", 0, "^[[31mred");
    assert_sanitize("a\x01z", 0, "a^Az");
    assert_sanitize("cr\r", 0, "cr^M");
    assert_sanitize("del\x7f", 0, "del^?");
    assert_sanitize("a\tb\nc", 1, "a\tb\nc");
    assert_sanitize("a\tb\nc", 0, "a b c");
    assert_sanitize("nel\xC2\x85!", 0, "nel<U+0085>!");
    assert_sanitize("csi\xC2\x9B" "2J", 0, "csi<U+009B>2J");
    assert_sanitize("bad\xFF\xC3", 0, "bad\\xFF\\xC3");
    assert_sanitize("rtl\xE2\x80\xAE" "cba", 0, "rtl<U+202E>cba");
    assert_sanitize("Việt Nam 中文", 0, "Việt Nam 中文");
    assert_sanitize("", 0, "");
    /* Worst case growth: every byte invalid. */
    assert_sanitize("\xFF\xFF\xFF", 1, "\\xFF\\xFF\\xFF");
}

/* ---- trimming and width -------------------------------------------------- */

static void test_trim(void **state)
{
    (void)state;
    char a[] = "  a b \t\r\n", b[] = "", c[] = " \t ", d[] = "x";
    assert_string_equal(text_trim(a), "a b");
    assert_string_equal(text_trim(b), "");
    assert_string_equal(text_trim(c), "");
    assert_string_equal(text_trim(d), "x");
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(text_width("Việt"), 4);
    assert_int_equal(text_width("中"), 2);
    assert_int_equal(text_width("abc中文"), 7);
    assert_int_equal(text_width("Vie\xCC\xA3\xCC\x82t"), 4);
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("TỈNH ỦY BÌNH ĐỊNH"), 17);
}

/* ---- sbuf ----------------------------------------------------------------- */

/* sbuf_take: "" for an empty buffer; NULL, never a string cut short, once
 * an append ran out of memory (the flag a failed realloc sets). */
static void test_sbuf_take(void **state)
{
    (void)state;
    sbuf b;
    sbuf_init(&b);
    char *s = sbuf_take(&b);
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
    sbuf_add(&b, "{\"a\":");
    b.oom = 1;                       /* the rest of the JSON was lost */
    assert_null(sbuf_take(&b));
    assert_null(b.s);
    assert_int_equal(b.oom, 0);      /* reset, as after any take */
}

static void tone_is(const char *in, int new_style, const char *want)
{
    char *got = text_tone_style(in, new_style);
    assert_non_null(got);
    if (strcmp(got, want) != 0) fail_msg("%s (%s) → %s, want %s", in, new_style ? "new" : "old",
                                         got, want);
    free(got);
}

/* Issue 12 item 16: only an open oa, oe, uy moves; any case, NFD input. */
static void test_tone_style(void **state)
{
    (void)state;
    tone_is("hoà khoẻ thuý Thuỷ HOÀ", 0, "hòa khỏe thúy Thủy HÒA");
    tone_is("hòa khỏe thúy Thủy", 1, "hoà khoẻ thuý Thuỷ");
    tone_is("hòa khỏe thúy", 0, "hòa khỏe thúy");          /* already old */
    tone_is("hoàn thiện, thuyền, quý, quả, của, hoặc, khuỷu", 0,
            "hoàn thiện, thuyền, quý, quả, của, hoặc, khuỷu");
    tone_is("hoàn thiện, thuyền, quý, quả, của, hoặc, khuỷu", 1,
            "hoàn thiện, thuyền, quý, quả, của, hoặc, khuỷu");
    tone_is("Hoa\xcc\x80 bi\xcc\x80nh", 0, "Hòa bình");   /* NFD in, NFC out */
    tone_is("KL/TW, https://hoa.vn/x?y=1", 0, "KL/TW, https://hoa.vn/x?y=1");
    tone_is("", 0, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_nfc_invalid),
        cmocka_unit_test(test_fold_vowels),
        cmocka_unit_test(test_fold_words),
        cmocka_unit_test(test_sanitize),
        cmocka_unit_test(test_trim),
        cmocka_unit_test(test_width),
        cmocka_unit_test(test_sbuf_take),
        cmocka_unit_test(test_tone_style),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
