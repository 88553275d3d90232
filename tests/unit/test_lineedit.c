/* Tests for src/lineedit.c: the field editor without a terminal. */
#include "testutil.h"
#include "text/lineedit.h"

#include <wchar.h>

static lineedit *mk(int mode, size_t max, const char *text)
{
    lineedit *le = NULL;
    assert_int_equal(le_new(&le, mode, max), 0);
    assert_non_null(le);
    if (text) assert_int_equal(le_set_utf8(le, text), 0);
    return le;
}

static void text_is(const lineedit *le, const char *want)
{
    char *s = le_get_utf8(le);
    assert_non_null(s);
    assert_string_equal(s, want);
    free(s);
}

static void test_set_get_nfc(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 0, NULL);
    text_is(le, "");
    assert_int_equal(le_cursor(le), 0);
    /* NFD in, NFC stored: "Việt" is 4 code points. */
    assert_int_equal(le_set_utf8(le, "Vie\xcc\xa3\xcc\x82t Nam"), 0);
    text_is(le, "Việt Nam");
    size_t len = 0;
    const wchar_t *w = le_text(le, &len);
    assert_int_equal(len, 8);
    assert_true(w[2] == 0x1EC7);
    assert_int_equal(le_cursor(le), 8);
    assert_false(le_dirty(le));
    le_free(&le);
    assert_null(le);
    le_free(&le);               /* twice: harmless */
}

static void test_invalid_utf8_refused(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 0, "giữ nguyên");
    assert_int_equal(le_set_utf8(le, "ab\xff"), -1);
    assert_int_equal(le_set_utf8(le, "\xc0\xaf"), -1);
    assert_int_equal(le_set_utf8(le, "x\xed\xa0\x80"), -1);
    text_is(le, "giữ nguyên");
    assert_int_equal(le_paste_utf8(le, "ok\x80"), 0);
    text_is(le, "giữ nguyên");
    /* Surrogates, out-of-range and control characters cannot be typed. */
    assert_int_equal(le_type(le, (wchar_t)0xD800), 0);
    assert_int_equal(le_type(le, (wchar_t)0x110000), 0);
    assert_int_equal(le_type(le, L'\x1b'), 0);
    assert_int_equal(le_type(le, L'\n'), 0);
    assert_int_equal(le_type(le, (wchar_t)0x9b), 0);
    assert_int_equal(le_type(le, L'\x7f'), 0);
    text_is(le, "giữ nguyên");
    assert_false(le_dirty(le));
    le_free(&le);
}

static void test_cursor_combining(void **state)
{
    (void)state;
    /* x with dot below and acute has no precomposed form: the marks stay
     * combining, and the cursor jumps over the whole character. */
    lineedit *le = mk(LE_SINGLE, 0, "ax\xcc\xa3\xcc\x81y");
    size_t len;
    le_text(le, &len);
    assert_int_equal(len, 5);
    assert_int_equal(le_cursor(le), 5);
    assert_true(le_op(le, LE_LEFT));
    assert_int_equal(le_cursor(le), 4);
    assert_true(le_op(le, LE_LEFT));
    assert_int_equal(le_cursor(le), 1);
    assert_true(le_op(le, LE_RIGHT));
    assert_int_equal(le_cursor(le), 4);
    /* Backspace and Delete take the whole character. */
    assert_true(le_op(le, LE_BACKSPACE));
    text_is(le, "ay");
    assert_int_equal(le_cursor(le), 1);
    assert_true(le_dirty(le));
    le_mark_clean(le);
    assert_false(le_dirty(le));
    assert_int_equal(le_set_utf8(le, "ax\xcc\xa3\xcc\x81y"), 0);
    le_op(le, LE_HOME);
    le_op(le, LE_RIGHT);
    assert_true(le_op(le, LE_DELETE));
    text_is(le, "ay");
    /* A combining mark typed after a letter composes with it. */
    assert_int_equal(le_set_utf8(le, "Vie"), 0);
    assert_true(le_type(le, (wchar_t)0x0302));
    assert_true(le_type(le, (wchar_t)0x0323));
    assert_true(le_type(le, L't'));
    text_is(le, "Việt");
    assert_int_equal(le_cursor(le), 4);
    /* At the ends nothing moves. */
    le_op(le, LE_END);
    assert_false(le_op(le, LE_RIGHT));
    assert_false(le_op(le, LE_DELETE));
    le_op(le, LE_HOME);
    assert_false(le_op(le, LE_LEFT));
    assert_false(le_op(le, LE_BACKSPACE));
    le_free(&le);
}

static void test_words_home_end(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 0, "Quản lý  đất-đai, 2026");
    /* positions: Quản=0..4 lý=5..7 đất=9..12 đai=13..16 2026=18..22 */
    assert_true(le_op(le, LE_WORD_LEFT));
    assert_int_equal(le_cursor(le), 18);
    le_op(le, LE_WORD_LEFT);
    assert_int_equal(le_cursor(le), 13);
    le_op(le, LE_WORD_LEFT);
    assert_int_equal(le_cursor(le), 9);
    le_op(le, LE_WORD_LEFT);
    assert_int_equal(le_cursor(le), 5);
    le_op(le, LE_WORD_LEFT);
    assert_int_equal(le_cursor(le), 0);
    assert_false(le_op(le, LE_WORD_LEFT));
    le_op(le, LE_WORD_RIGHT);
    assert_int_equal(le_cursor(le), 4);
    le_op(le, LE_WORD_RIGHT);
    assert_int_equal(le_cursor(le), 7);
    le_op(le, LE_WORD_RIGHT);
    assert_int_equal(le_cursor(le), 12);
    assert_true(le_op(le, LE_END));
    assert_int_equal(le_cursor(le), 22);
    assert_true(le_op(le, LE_HOME));
    assert_int_equal(le_cursor(le), 0);
    /* Kill a word to the left, and to the end of the line. */
    le_op(le, LE_END);
    assert_true(le_op(le, LE_KILL_WORD_LEFT));
    text_is(le, "Quản lý  đất-đai, ");
    le_op(le, LE_HOME);
    le_op(le, LE_WORD_RIGHT);
    assert_true(le_op(le, LE_KILL_EOL));
    text_is(le, "Quản");
    assert_false(le_op(le, LE_KILL_EOL));
    /* Single line: no newline, no up/down. */
    assert_false(le_op(le, LE_NEWLINE));
    assert_false(le_op(le, LE_UP));
    assert_false(le_op(le, LE_DOWN));
    text_is(le, "Quản");
    le_free(&le);
}

static void test_multiline(void **state)
{
    (void)state;
    lineedit *le = mk(LE_MULTI, 0, "một\nhai ba bốn\n日本x\n");
    /* The cursor is at the end (on the empty last line). */
    assert_true(le_op(le, LE_UP));          /* to "日本x", column 0 */
    assert_int_equal(le_cursor(le), 15);
    assert_true(le_op(le, LE_END));
    assert_int_equal(le_cursor(le), 18);  /* column 5 */
    assert_true(le_op(le, LE_UP));          /* "hai ba bốn": column 5 */
    assert_int_equal(le_cursor(le), 9);
    assert_true(le_op(le, LE_UP));          /* "một" is shorter: its end */
    assert_int_equal(le_cursor(le), 3);
    assert_false(le_op(le, LE_UP));
    assert_true(le_op(le, LE_DOWN));        /* the goal column is kept: 5 */
    assert_int_equal(le_cursor(le), 9);
    le_op(le, LE_LEFT);                     /* column 4, then down: 日本 are */
    assert_true(le_op(le, LE_DOWN));        /* two columns each, so after 本 */
    assert_int_equal(le_cursor(le), 17);
    le_op(le, LE_LEFT);                     /* column 2: between 日 and 本 */
    le_op(le, LE_UP);
    assert_int_equal(le_cursor(le), 6);
    le_op(le, LE_DOWN);
    le_op(le, LE_HOME);
    assert_int_equal(le_cursor(le), 15);
    le_op(le, LE_LEFT);
    le_op(le, LE_HOME);
    assert_int_equal(le_cursor(le), 4);
    le_op(le, LE_END);
    assert_int_equal(le_cursor(le), 14);
    /* Kill at a line's end joins the next line. */
    assert_true(le_op(le, LE_KILL_EOL));
    text_is(le, "một\nhai ba bốn日本x\n");
    assert_true(le_op(le, LE_NEWLINE));
    text_is(le, "một\nhai ba bốn\n日本x\n");
    le_op(le, LE_DOWN);
    le_op(le, LE_DOWN);
    assert_false(le_op(le, LE_DOWN));
    /* Paste keeps newlines in a text area; \r\n becomes \n; tab a space. */
    assert_int_equal(le_set_utf8(le, ""), 0);
    assert_true(le_paste_utf8(le, "a\r\nb\rc\td\x1b[31m"));
    text_is(le, "a\nb\nc d[31m");
    le_free(&le);

    le = mk(LE_SINGLE, 0, "");
    assert_true(le_paste_utf8(le, "dòng 1\ndòng 2"));
    text_is(le, "dòng 1 dòng 2");
    le_free(&le);
}

static void test_paste_large(void **state)
{
    (void)state;
    /* 100 KB of Vietnamese in NFD, pasted in the middle of a field. */
    const char *unit = "Nghi\xcc\xa3 \xc4\x91i\xcc\xa3nh 73 ";   /* "Nghị định 73 " in NFD */
    size_t ul = strlen(unit), reps = 100 * 1024 / ul + 1;
    char *big = malloc(reps * ul + 1);
    assert_non_null(big);
    for (size_t i = 0; i < reps; i++) memcpy(big + i * ul, unit, ul);
    big[reps * ul] = '\0';
    lineedit *le = mk(LE_MULTI, 0, "[]");
    le_op(le, LE_LEFT);
    assert_true(le_paste_utf8(le, big));
    size_t len;
    const wchar_t *w = le_text(le, &len);
    assert_int_equal(len, 2 + reps * 13);
    assert_true(w[0] == L'[' && w[len - 1] == L']');
    assert_int_equal(le_cursor(le), len - 1);
    assert_true(w[4] == 0x1ECB);              /* ị composed */
    char *s = le_get_utf8(le);
    assert_non_null(s);
    assert_int_equal(strncmp(s, "[Nghị định 73 Nghị", strlen("[Nghị định 73 Nghị")), 0);
    free(s);
    /* Moving and deleting in it still works. */
    le_op(le, LE_HOME);
    le_op(le, LE_DELETE);
    w = le_text(le, &len);
    assert_true(w[0] == L'N');
    free(big);
    le_free(&le);
}

static void test_max_chars(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 5, "");
    for (const char *p = "abcdefg"; *p; p++) le_type(le, (wchar_t)*p);
    text_is(le, "abcde");
    assert_int_equal(le_type(le, L'x'), 0);
    /* Characters, not bytes: five Vietnamese letters fit. */
    assert_int_equal(le_set_utf8(le, ""), 0);
    assert_true(le_paste_utf8(le, "ướcđườngxyz"));
    text_is(le, "ướcđư");
    /* A combining mark that composes does not add a character. */
    assert_int_equal(le_set_utf8(le, "abcde"), 0);
    assert_true(le_type(le, (wchar_t)0x0301));
    text_is(le, "abcdé");
    /* The input method cannot grow the field past its size either. */
    le_set_ime(le, LE_IME_TELEX, 1);
    le_free(&le);
    le = mk(LE_SINGLE, 3, "ban");
    le_set_ime(le, LE_IME_TELEX, 1);
    assert_true(le_type(le, L'a'));         /* "ban" + a → "bân": still 3 */
    text_is(le, "bân");
    assert_int_equal(le_type(le, L'g'), 0);
    text_is(le, "bân");
    le_free(&le);
}

static void test_scroll(void **state)
{
    (void)state;
    int col = -1;
    lineedit *le = mk(LE_SINGLE, 0, "");
    assert_int_equal(le_scroll(le, 10, &col), 0);
    assert_int_equal(col, 0);
    /* 15 ASCII letters in 10 columns: the cursor at the end shows in the
     * last column, so the first 6 letters are hidden. */
    assert_int_equal(le_set_utf8(le, "abcdefghijklmno"), 0);
    assert_int_equal(le_scroll(le, 10, &col), 6);
    assert_int_equal(col, 9);
    /* Moving left inside the window does not scroll. */
    for (int i = 0; i < 5; i++) le_op(le, LE_LEFT);
    assert_int_equal(le_scroll(le, 10, &col), 6);
    assert_int_equal(col, 4);
    /* Past the left edge: it follows the cursor. */
    for (int i = 0; i < 6; i++) le_op(le, LE_LEFT);
    assert_int_equal(le_scroll(le, 10, &col), 4);
    assert_int_equal(col, 0);
    le_op(le, LE_HOME);
    assert_int_equal(le_scroll(le, 10, &col), 0);
    assert_int_equal(col, 0);
    /* Wide characters count two columns: 日本語テキスト is 14 columns. */
    assert_int_equal(le_set_utf8(le, "日本語テキスト"), 0);
    assert_int_equal(le_scroll(le, 10, &col), 3);
    assert_int_equal(col, 8);
    /* A wide character under the cursor needs both its cells. */
    le_op(le, LE_LEFT);         /* on ト, at column 6 from テ */
    assert_int_equal(le_scroll(le, 10, &col), 3);
    assert_int_equal(col, 6);
    assert_int_equal(le_set_utf8(le, "日本語テキスト"), 0);
    le_op(le, LE_HOME);
    le_scroll(le, 10, &col);
    for (int i = 0; i < 4; i++) le_op(le, LE_RIGHT);
    /* Cursor on キ (column 8 from the start): キ needs columns 8-9. */
    assert_int_equal(le_scroll(le, 10, &col), 0);
    assert_int_equal(col, 8);
    le_op(le, LE_RIGHT);        /* on ス: columns 10-11 do not fit */
    assert_int_equal(le_scroll(le, 10, &col), 1);
    assert_int_equal(col, 8);
    /* Combining marks take no column. */
    assert_int_equal(le_set_utf8(le, "x\xcc\xa3\xcc\x81x\xcc\xa3\xcc\x81"), 0);
    assert_int_equal(le_scroll(le, 10, &col), 0);
    assert_int_equal(col, 2);
    /* Text that shrinks pulls the window back. */
    assert_int_equal(le_set_utf8(le, "abcdefghijklmno"), 0);
    assert_int_equal(le_scroll(le, 10, &col), 6);
    for (int i = 0; i < 10; i++) le_op(le, LE_BACKSPACE);
    assert_int_equal(le_scroll(le, 10, &col), 0);
    assert_int_equal(col, 5);
    /* No room at all. */
    assert_int_equal(le_scroll(le, 0, &col), 5);
    assert_int_equal(col, 0);
    le_free(&le);

    /* A text area scrolls the cursor's line. */
    le = mk(LE_MULTI, 0, "dòng một\nabcdefghijklmno");
    assert_int_equal(le_scroll(le, 10, &col), 9 + 6);
    assert_int_equal(col, 9);
    le_op(le, LE_UP);
    assert_int_equal(le_scroll(le, 10, &col), 0);
    le_free(&le);
}

static void test_ime_toggle(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 0, "");
    assert_int_equal(le_get_ime(le), LE_IME_OFF);
    le_set_ime(le, LE_IME_VNI, 1);
    assert_int_equal(le_get_ime(le), LE_IME_VNI);
    for (const char *p = "Vie65t Nam 2026"; *p; p++) le_type(le, (wchar_t)*p);
    text_is(le, "Việt Nam 2026");
    /* Moving away and back ends the syllable; typing at its end resumes. */
    le_op(le, LE_HOME);
    le_op(le, LE_WORD_RIGHT);
    le_type(le, L'0');
    text_is(le, "Viêt Nam 2026");
    le_set_ime(le, LE_IME_TELEX, 1);
    le_type(le, L'j');
    text_is(le, "Việt Nam 2026");
    /* Pasting does not go through the input method. */
    le_op(le, LE_END);
    assert_true(le_paste_utf8(le, " aas"));
    text_is(le, "Việt Nam 2026 aas");
    le_free(&le);
}

static void type_str(lineedit *le, const char *s)
{
    for (; *s; s++) le_type(le, (wchar_t)*s);
}

/* Issue 12, item 5: a tone key with the cursor inside a word marks that
 * word and the cursor stays; where the word takes no tone, or the key is
 * no tone key, the key is typed as a letter. */
static void test_tone_inside_word(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 0, "Viêt Nam");
    le_set_ime(le, LE_IME_TELEX, 0);
    le_op(le, LE_HOME);
    le_op(le, LE_RIGHT);
    le_op(le, LE_RIGHT);                 /* Vi|êt */
    assert_true(le_type(le, L'j'));
    text_is(le, "Việt Nam");
    assert_int_equal(le_cursor(le), 2);
    assert_true(le_type(le, L'z'));      /* z takes the tone off again */
    text_is(le, "Viêt Nam");
    assert_int_equal(le_cursor(le), 2);
    /* An upper-case key works the same, on an upper-case word. */
    assert_int_equal(le_set_utf8(le, "HUÊ"), 0);
    le_op(le, LE_LEFT);                  /* HU|Ê */
    assert_true(le_type(le, L'S'));
    text_is(le, "HUẾ");
    /* A word that is not Vietnamese gets the letter. */
    assert_int_equal(le_set_utf8(le, "Office"), 0);
    le_op(le, LE_HOME);
    le_op(le, LE_RIGHT);
    le_op(le, LE_RIGHT);
    assert_true(le_type(le, L's'));
    text_is(le, "Ofsfice");
    /* Not a tone key: inserted, as before. */
    assert_int_equal(le_set_utf8(le, "ban"), 0);
    le_op(le, LE_LEFT);
    assert_true(le_type(le, L'o'));
    text_is(le, "baon");
    /* VNI: a tone digit inside the word. */
    le_set_ime(le, LE_IME_VNI, 0);
    assert_int_equal(le_set_utf8(le, "thuê"), 0);
    le_op(le, LE_HOME);
    le_op(le, LE_RIGHT);                 /* t|huê */
    assert_true(le_type(le, L'1'));
    text_is(le, "thuế");
    /* At the end of the word the tone is typed as always. */
    le_set_ime(le, LE_IME_TELEX, 0);
    assert_int_equal(le_set_utf8(le, ""), 0);
    type_str(le, "thuees Hueej");
    text_is(le, "thuế Huệ");
    le_free(&le);
}

/* Issue 12, item 3: a paste into one line drops the line break that ends
 * it (a copied line) and a URL is kept as typed (no Telex). */
static void test_paste_single_line_break(void **state)
{
    (void)state;
    lineedit *le = mk(LE_SINGLE, 0, "");
    le_set_ime(le, LE_IME_TELEX, 0);
    assert_true(le_paste_utf8(le, "https://www.vanban.gov.vn/office\r\n"));
    text_is(le, "https://www.vanban.gov.vn/office");
    le_free(&le);
    le = mk(LE_MULTI, 0, "");
    assert_true(le_paste_utf8(le, "dòng 1\n"));
    text_is(le, "dòng 1\n");
    le_free(&le);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_get_nfc),
        cmocka_unit_test(test_invalid_utf8_refused),
        cmocka_unit_test(test_cursor_combining),
        cmocka_unit_test(test_words_home_end),
        cmocka_unit_test(test_multiline),
        cmocka_unit_test(test_paste_large),
        cmocka_unit_test(test_max_chars),
        cmocka_unit_test(test_scroll),
        cmocka_unit_test(test_ime_toggle),
        cmocka_unit_test(test_tone_inside_word),
        cmocka_unit_test(test_paste_single_line_break),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
