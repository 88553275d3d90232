/* Tests for src/ime.c (Telex and VNI), driven by tests/corpus/ime.tsv: every
 * line's keys are typed one by one into a field (src/lineedit.c) with the
 * input method on, and the field must then hold the expected text. */
#include "testutil.h"
#include "text/ime.h"
#include "text/lineedit.h"

#include <wchar.h>

static const char CORPUS[] = "tests/corpus/ime.tsv";

/* Type UTF-8 keys into a fresh single-line field; malloc'd result. */
static char *type_keys(enum le_ime ime, int new_style, const char *keys)
{
    lineedit *le = NULL;
    assert_int_equal(le_new(&le, LE_SINGLE, 0), 0);
    le_set_ime(le, ime, new_style);
    const unsigned char *p = (const unsigned char *)keys;
    while (*p) {
        /* Keys in the corpus are ASCII or a whole UTF-8 letter. */
        wchar_t c;
        int n = 1;
        if (*p < 0x80) c = *p;
        else if ((*p & 0xE0) == 0xC0) { c = (wchar_t)(((p[0] & 0x1F) << 6) | (p[1] & 0x3F)); n = 2; }
        else { c = (wchar_t)(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)); n = 3; }
        le_type(le, c);
        p += n;
    }
    char *s = le_get_utf8(le);
    le_free(&le);
    return s;
}

static void test_corpus(void **state)
{
    (void)state;
    FILE *f = fopen(CORPUS, "r");
    if (!f) fail_msg("%s not found (run from the repo root)", CORPUS);
    char line[512];
    int n = 0, bad = 0, lineno = 0, words_telex = 0, words_vni = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        char *keys = strtok(line, "\t"), *mode = strtok(NULL, "\t"),
             *style = strtok(NULL, "\t"), *want = strtok(NULL, "\t");
        if (!keys || !mode || !style || !want) fail_msg("%s:%d: four columns expected", CORPUS, lineno);
        enum le_ime ime = strcmp(mode, "vni") == 0 ? LE_IME_VNI : LE_IME_TELEX;
        int new_style = strcmp(style, "old") != 0;
        char *got = type_keys(ime, new_style, keys);
        if (strcmp(got, want) != 0) {
            print_message("%s:%d: %s (%s, %s): got \"%s\", want \"%s\"\n", CORPUS, lineno, keys,
                          mode, style, got, want);
            bad++;
        }
        free(got);
        n++;
        if (ime == LE_IME_VNI) words_vni++;
        else words_telex++;
    }
    fclose(f);
    print_message("ime corpus: %d lines (%d Telex, %d VNI)\n", n, words_telex, words_vni);
    assert_true(n >= 200);
    assert_int_equal(bad, 0);
}

/* ime_compose directly, without a field. */
static void compose_is(int mode, int style, const wchar_t *keys, const wchar_t *want)
{
    wchar_t out[64];
    size_t n = ime_compose(mode, style, keys, wcslen(keys), out, 63);
    out[n] = L'\0';
    if (wcscmp(out, want) != 0) fail_msg("%ls: got %ls, want %ls", keys, out, want);
}

static void test_compose_pure(void **state)
{
    (void)state;
    compose_is(IME_TELEX, 1, L"Vieejt", L"Việt");
    compose_is(IME_TELEX, 1, L"hoas", L"hoá");
    compose_is(IME_TELEX, 0, L"hoas", L"hóa");
    compose_is(IME_TELEX, 1, L"hoasn", L"hoán");
    compose_is(IME_TELEX, 0, L"hoasn", L"hoán");
    compose_is(IME_TELEX, 1, L"", L"");
    compose_is(IME_VNI, 1, L"ngu7o72i", L"người");
    compose_is(IME_VNI, 1, L"hoa2", L"hoà");
    compose_is(IME_VNI, 0, L"hoa2", L"hòa");
    /* Stop finals take only the sharp and heavy tones: "tẽt" is no word. */
    compose_is(IME_TELEX, 1, L"text", L"text");
    compose_is(IME_TELEX, 1, L"hocj", L"học");
    compose_is(IME_TELEX, 1, L"hocf", L"hocf");
    /* Too many keys for one syllable: typed as-is. */
    compose_is(IME_TELEX, 1, L"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaas", L"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaas");
}

static void keys_for_is(int mode, const wchar_t *word, const wchar_t *want)
{
    wchar_t keys[IME_MAX_KEYS + 1];
    size_t n = ime_keys_for(mode, word, wcslen(word), keys, IME_MAX_KEYS);
    keys[n] = L'\0';
    if (wcscmp(keys, want) != 0) fail_msg("%ls: got \"%ls\", want \"%ls\"", word, keys, want);
}

static void test_keys_for(void **state)
{
    (void)state;
    keys_for_is(IME_TELEX, L"Việt", L"Vieetj");
    keys_for_is(IME_TELEX, L"người", L"nguowif");
    keys_for_is(IME_TELEX, L"đường", L"dduowngf");
    keys_for_is(IME_TELEX, L"thuở", L"thuowr");
    keys_for_is(IME_VNI, L"Việt", L"Vie6t5");
    keys_for_is(IME_VNI, L"đường", L"d9uo7ng2");
    /* Words the input method would not have produced. */
    keys_for_is(IME_TELEX, L"wifi", L"wifi");   /* composes back, as typed */
    keys_for_is(IME_TELEX, L"café", L"");
    keys_for_is(IME_TELEX, L"hươ", L"");
    keys_for_is(IME_TELEX, L"日本", L"");
    /* Old-style tone placement composes back (the tone may move). */
    keys_for_is(IME_TELEX, L"hòa", L"hoaf");
}

static void test_is_key(void **state)
{
    (void)state;
    assert_true(ime_is_key(IME_TELEX, L'a'));
    assert_true(ime_is_key(IME_TELEX, L'Z'));
    assert_false(ime_is_key(IME_TELEX, L'1'));
    assert_true(ime_is_key(IME_VNI, L'1'));
    assert_false(ime_is_key(IME_VNI, L' '));
    assert_false(ime_is_key(IME_TELEX, L'ê'));
    assert_true(ime_is_letter(L'ê'));
    assert_true(ime_is_letter(L'Đ'));
    assert_true(ime_is_letter(L'Ự'));
    assert_false(ime_is_letter(L'1'));
    assert_false(ime_is_letter(L'ñ'));
    assert_false(ime_is_letter(L'ü'));
}

/* Typing continues a word after the cursor came back to its end, and a tone
 * typed later still lands on the right vowel. */
static void test_resume_word(void **state)
{
    (void)state;
    lineedit *le = NULL;
    assert_int_equal(le_new(&le, LE_SINGLE, 0), 0);
    le_set_ime(le, LE_IME_TELEX, 1);
    assert_int_equal(le_set_utf8(le, "hoa"), 0);
    le_type(le, L'f');
    char *s = le_get_utf8(le);
    assert_string_equal(s, "hoà");
    free(s);
    le_type(le, L'n');          /* the tone moves to the second vowel */
    s = le_get_utf8(le);
    assert_string_equal(s, "hoàn");
    free(s);
    le_op(le, LE_BACKSPACE);    /* and back, in the chosen style */
    s = le_get_utf8(le);
    assert_string_equal(s, "hoà");
    free(s);
    le_set_ime(le, LE_IME_TELEX, 0);
    le_type(le, L'n');
    le_op(le, LE_BACKSPACE);
    s = le_get_utf8(le);
    assert_string_equal(s, "hòa");
    free(s);
    /* A word typed without the input method is left alone. */
    assert_int_equal(le_set_utf8(le, "wifi"), 0);
    le_type(le, L's');
    s = le_get_utf8(le);
    assert_string_equal(s, "wifis");
    free(s);
    /* Typing inside a word starts a new syllable at the cursor. */
    assert_int_equal(le_set_utf8(le, "ba"), 0);
    le_op(le, LE_LEFT);
    le_type(le, L's');
    s = le_get_utf8(le);
    assert_string_equal(s, "bsa");
    free(s);
    /* Vietnamese typed with another input method (whole letters) stays as
     * typed, old-style tones included, while Telex is on. */
    le_set_ime(le, LE_IME_TELEX, 1);
    assert_int_equal(le_set_utf8(le, ""), 0);
    const wchar_t *typed = L"Số hòa hợp, thúy, của";
    for (const wchar_t *p = typed; *p; p++) le_type(le, *p);
    s = le_get_utf8(le);
    assert_string_equal(s, "Số hòa hợp, thúy, của");
    free(s);
    le_op(le, LE_BACKSPACE);            /* not typed here: not recomposed */
    s = le_get_utf8(le);
    assert_string_equal(s, "Số hòa hợp, thúy, củ");
    free(s);
    /* The input method off: keys are letters. */
    le_set_ime(le, LE_IME_OFF, 1);
    assert_int_equal(le_set_utf8(le, ""), 0);
    le_type(le, L'a');
    le_type(le, L'a');
    le_type(le, L's');
    s = le_get_utf8(le);
    assert_string_equal(s, "aas");
    free(s);
    le_free(&le);
}

/* Backspace removes one whole letter, marks and all. */
static void test_backspace(void **state)
{
    (void)state;
    char *s = NULL;
    lineedit *le = NULL;
    assert_int_equal(le_new(&le, LE_SINGLE, 0), 0);
    le_set_ime(le, LE_IME_TELEX, 1);
    const char *keys = "nguowif";
    for (const char *p = keys; *p; p++) le_type(le, (wchar_t)*p);
    s = le_get_utf8(le);
    assert_string_equal(s, "người");
    free(s);
    le_op(le, LE_BACKSPACE);
    s = le_get_utf8(le);
    assert_string_equal(s, "ngườ");
    free(s);
    le_op(le, LE_BACKSPACE);
    s = le_get_utf8(le);
    assert_string_equal(s, "ngư");
    free(s);
    le_type(le, L'a');
    s = le_get_utf8(le);
    assert_string_equal(s, "ngưa");
    free(s);
    le_free(&le);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_compose_pure),
        cmocka_unit_test(test_keys_for),
        cmocka_unit_test(test_is_key),
        cmocka_unit_test(test_resume_word),
        cmocka_unit_test(test_backspace),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
