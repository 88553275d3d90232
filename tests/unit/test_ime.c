/* Tests for src/ime.c (Telex and VNI), driven by tests/corpus/ime.tsv: every
 * line's keys are typed one by one into a field (src/lineedit.c) with the
 * input method on, and the field must then hold the expected text. */
#include "testutil.h"
#include "text/ime.h"
#include "text/lineedit.h"

#include <wchar.h>
#include <wctype.h>
#include <locale.h>

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
    /* uê, "oo" (three o: the third undoes ô), a capital ư. */
    keys_for_is(IME_TELEX, L"thuế", L"thuees");
    keys_for_is(IME_TELEX, L"soóc", L"sooocs");
    keys_for_is(IME_VNI, L"soóc", L"sooc1");
    keys_for_is(IME_TELEX, L"TƯ", L"TUW");
    keys_for_is(IME_TELEX, L"Office", L"Office");
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
    /* A tone key inside a word marks that word (issue 12, item 5); another
     * letter typed inside a word starts a new syllable at the cursor. */
    assert_int_equal(le_set_utf8(le, "ba"), 0);
    le_op(le, LE_LEFT);
    le_type(le, L's');
    s = le_get_utf8(le);
    assert_string_equal(s, "bá");
    free(s);
    le_type(le, L'o');
    s = le_get_utf8(le);
    assert_string_equal(s, "boá");
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


/* ---- the nucleus table, walked ------------------------------------------------
 * Every vowel cluster of the Vietnamese syllable structure, with finals it
 * takes ("-" for none), typed after no initial and after "th", with each tone
 * (or none), in Telex (marks after their letter, tone last; tone before the
 * final; marks after the whole word; all in capitals) and in VNI, in both
 * tone styles, through a field (le_type), as the screens type.  The expected
 * text is built here from the spelling rules, independently of ime.c. */
static const struct {
    const wchar_t *nucleus, *finals;
} NUCLEI[] = {
    {L"a", L"- n c"}, {L"ă", L"n c"}, {L"â", L"n t"}, {L"e", L"- n"}, {L"ê", L"- nh ch"},
    {L"i", L"- nh"}, {L"o", L"- ng"}, {L"ô", L"- ng"}, {L"ơ", L"- n"}, {L"u", L"- ng"},
    {L"ư", L"- ng"}, {L"y", L"-"},
    {L"ai", L"-"}, {L"ao", L"-"}, {L"au", L"-"}, {L"âu", L"-"}, {L"ay", L"-"}, {L"ây", L"-"},
    {L"eo", L"-"}, {L"êu", L"-"}, {L"ia", L"-"}, {L"iê", L"n c"}, {L"iu", L"-"},
    {L"oa", L"- n ch"}, {L"oă", L"n c"}, {L"oe", L"- n"}, {L"oi", L"-"}, {L"ôi", L"-"},
    {L"ơi", L"-"}, {L"oo", L"ng c"}, {L"ua", L"-"}, {L"uâ", L"n t"}, {L"uê", L"- nh ch"},
    {L"ui", L"-"}, {L"uô", L"n c"}, {L"uơ", L"-"}, {L"uy", L"- nh t"}, {L"ưa", L"-"},
    {L"ưi", L"-"}, {L"ươ", L"n c"}, {L"ưu", L"-"}, {L"yê", L"n"},
    {L"iêu", L"-"}, {L"yêu", L"-"}, {L"oai", L"-"}, {L"oao", L"-"}, {L"oay", L"-"},
    {L"oeo", L"-"}, {L"uây", L"-"}, {L"uêu", L"-"}, {L"uôi", L"-"}, {L"ươi", L"-"},
    {L"ươu", L"-"}, {L"uya", L"-"}, {L"uyê", L"n t"}, {L"uyu", L"-"},
};

/* Each vowel with its tones: none, grave, hook, tilde, acute, dot. */
static const wchar_t *const TONED[] = {
    L"aàảãáạ", L"ăằẳẵắặ", L"âầẩẫấậ", L"eèẻẽéẹ", L"êềểễếệ", L"iìỉĩíị",
    L"oòỏõóọ", L"ôồổỗốộ", L"ơờởỡớợ", L"uùủũúụ", L"ưừửữứự", L"yỳỷỹýỵ",
};

static wchar_t with_tone(wchar_t v, int tone)
{
    for (size_t r = 0; r < sizeof TONED / sizeof TONED[0]; r++)
        if (TONED[r][0] == v) return TONED[r][tone];
    fail_msg("no vowel %lc", (wint_t)v);
    return v;
}

static int has_mark(wchar_t v) { return wcschr(L"ăâêôơư", v) != NULL; }

/* The vowel of nucleus v (length n) that takes the tone. */
static size_t tone_at(const wchar_t *v, size_t n, int closed, int new_style)
{
    for (size_t k = n; k-- > 0;)
        if (has_mark(v[k])) return k;
    if (n == 1) return 0;
    if (closed) return n - 1;
    if (n == 3) return 1;
    if (new_style && (wcscmp(v, L"oa") == 0 || wcscmp(v, L"oe") == 0 || wcscmp(v, L"uy") == 0))
        return 1;
    return 0;
}

static wchar_t base_of(wchar_t v)
{
    switch (v) {
    case L'ă': case L'â': return L'a';
    case L'ê': return L'e';
    case L'ô': case L'ơ': return L'o';
    case L'ư': return L'u';
    default: return v;
    }
}

/* Telex keys of a nucleus, a mark after its letter: "ươ" is u, o, w and a
 * plain "oo" is o, o, o (the third o undoes the ô). */
static void telex_nucleus(const wchar_t *v, wchar_t *k)
{
    size_t n = 0;
    if (wcscmp(v, L"oo") == 0) {
        wcscpy(k, L"ooo");
        return;
    }
    for (size_t i = 0; v[i]; i++) {
        wchar_t b = base_of(v[i]);
        k[n++] = b;
        if (v[i] == L'ư' && v[i + 1] == L'ơ') continue;     /* one w for the pair */
        if (v[i] == L'â' || v[i] == L'ê' || v[i] == L'ô') k[n++] = b;
        else if (has_mark(v[i])) k[n++] = L'w';
    }
    k[n] = 0;
}

/* Telex: the letters of a nucleus, and its marks to type after the word. */
static void telex_split(const wchar_t *v, wchar_t *letters, wchar_t *marks)
{
    size_t a = 0, b = 0;
    for (size_t i = 0; v[i]; i++) {
        wchar_t c = base_of(v[i]);
        letters[a++] = c;
        if (v[i] == L'ư' && v[i + 1] == L'ơ') continue;
        if (v[i] == L'â' || v[i] == L'ê' || v[i] == L'ô') marks[b++] = c;
        else if (has_mark(v[i])) marks[b++] = L'w';
    }
    letters[a] = marks[b] = 0;
}

static void vni_nucleus(const wchar_t *v, wchar_t *k)
{
    size_t n = 0;
    for (size_t i = 0; v[i]; i++) {
        k[n++] = base_of(v[i]);
        if (v[i] == L'ư' && v[i + 1] == L'ơ') continue;
        if (v[i] == L'â' || v[i] == L'ê' || v[i] == L'ô') k[n++] = L'6';
        else if (v[i] == L'ơ' || v[i] == L'ư') k[n++] = L'7';
        else if (v[i] == L'ă') k[n++] = L'8';
    }
    k[n] = 0;
}

static void upper_w(wchar_t *s)
{
    for (; *s; s++) *s = (wchar_t)towupper((wint_t)*s);
}

/* Type keys into a fresh field; the field's text must be want. */
static int typed_is(enum le_ime ime, int new_style, const wchar_t *keys, const wchar_t *want)
{
    lineedit *le = NULL;
    assert_int_equal(le_new(&le, LE_SINGLE, 0), 0);
    le_set_ime(le, ime, new_style);
    for (const wchar_t *p = keys; *p; p++) le_type(le, *p);
    size_t n = 0;
    const wchar_t *got = le_text(le, &n);
    int ok = n == wcslen(want) && wmemcmp(got, want, n) == 0;
    if (!ok)
        print_message("%s %s: %ls: got \"%.*ls\", want \"%ls\"\n",
                      ime == LE_IME_VNI ? "vni" : "telex", new_style ? "new" : "old", keys,
                      (int)n, got, want);
    le_free(&le);
    return ok;
}

static void test_nucleus_table(void **state)
{
    (void)state;
    static const wchar_t *const initials[] = {L"", L"th"};
    int bad = 0, n = 0;
    /* towupper and %ls on Vietnamese letters need a UTF-8 locale. */
    if (!setlocale(LC_CTYPE, "C.UTF-8")) assert_non_null(setlocale(LC_CTYPE, "en_US.UTF-8"));
    for (size_t r = 0; r < sizeof NUCLEI / sizeof NUCLEI[0]; r++) {
        const wchar_t *v = NUCLEI[r].nucleus;
        size_t nv = wcslen(v);
        wchar_t finals[32];
        wcscpy(finals, NUCLEI[r].finals);
        wchar_t *save = NULL;
        for (wchar_t *fin = wcstok(finals, L" ", &save); fin; fin = wcstok(NULL, L" ", &save)) {
            const wchar_t *f = wcscmp(fin, L"-") == 0 ? L"" : fin;
            int stop = wcscmp(f, L"c") == 0 || wcscmp(f, L"ch") == 0 || wcscmp(f, L"t") == 0 ||
                       wcscmp(f, L"p") == 0;
            for (size_t in = 0; in < 2; in++) {
                for (int tone = 0; tone <= 5; tone++) {
                    if (stop && tone != 0 && tone != 4 && tone != 5) continue;
                    for (int style = 0; style <= 1; style++) {
                        wchar_t want[32], tn[16], vn[16], letters[8], marks[8], k[64];
                        wcscpy(want, initials[in]);
                        size_t at = tone_at(v, nv, *f != 0, style), w0 = wcslen(want);
                        for (size_t i = 0; i < nv; i++)
                            want[w0 + i] = i == at ? with_tone(v[i], tone) : v[i];
                        want[w0 + nv] = 0;
                        wcscat(want, f);
                        telex_nucleus(v, tn);
                        vni_nucleus(v, vn);
                        telex_split(v, letters, marks);
                        const wchar_t *tk = tone ? (const wchar_t[]){L"frxsj"[tone - 1], 0} : L"";
                        const wchar_t *vk = tone ? (const wchar_t[]){L"23415"[tone - 1], 0} : L"";
                        /* Telex, marks after their letter, tone last. */
                        swprintf(k, 64, L"%ls%ls%ls%ls", initials[in], tn, f, tk);
                        bad += !typed_is(LE_IME_TELEX, style, k, want);
                        /* Telex, the tone before the final. */
                        swprintf(k, 64, L"%ls%ls%ls%ls", initials[in], tn, tk, f);
                        bad += !typed_is(LE_IME_TELEX, style, k, want);
                        /* Telex, marks after the whole word ("oo" has none). */
                        if (wcscmp(v, L"oo") != 0) {
                            swprintf(k, 64, L"%ls%ls%ls%ls%ls", initials[in], letters, f, marks, tk);
                            bad += !typed_is(LE_IME_TELEX, style, k, want);
                        }
                        /* Telex in capitals: the case follows the keys. */
                        swprintf(k, 64, L"%ls%ls%ls%ls", initials[in], tn, f, tk);
                        upper_w(k);
                        wchar_t up[32];
                        wcscpy(up, want);
                        upper_w(up);
                        bad += !typed_is(LE_IME_TELEX, style, k, up);
                        /* VNI. */
                        swprintf(k, 64, L"%ls%ls%ls%ls", initials[in], vn, f, vk);
                        bad += !typed_is(LE_IME_VNI, style, k, want);
                        n += 5;
                    }
                }
            }
        }
    }
    print_message("nucleus table: %d typings\n", n);
    assert_int_equal(bad, 0);
}


/* Issue 12's words through a field: a word already there takes more keys
 * (uê, "oo", ươ, a late d), and an abbreviation or an English word typed
 * after Vietnamese ones stays as typed. */
static void field_is(lineedit *le, const char *want)
{
    char *s = le_get_utf8(le);
    assert_string_equal(s, want);
    free(s);
}

static void test_issue12_field(void **state)
{
    (void)state;
    lineedit *le = NULL;
    assert_int_equal(le_new(&le, LE_SINGLE, 0), 0);
    le_set_ime(le, LE_IME_TELEX, 0);
    assert_int_equal(le_set_utf8(le, "thuê"), 0);
    le_type(le, L's');
    field_is(le, "thuế");
    assert_int_equal(le_set_utf8(le, "huê"), 0);
    le_type(le, L'j');
    field_is(le, "huệ");
    assert_int_equal(le_set_utf8(le, "soóc"), 0);
    le_type(le, L'j');                  /* the tone changes on "oo" */
    field_is(le, "soọc");
    assert_int_equal(le_set_utf8(le, "trương"), 0);
    le_type(le, L'f');
    field_is(le, "trường");
    assert_int_equal(le_set_utf8(le, "dang"), 0);
    le_type(le, L'd');
    field_is(le, "đang");
    /* Backspace in a composed uê word moves nothing wrongly. */
    assert_int_equal(le_set_utf8(le, ""), 0);
    for (const char *p = "khueechs"; *p; p++) le_type(le, (wchar_t)*p);
    field_is(le, "khuếch");
    le_op(le, LE_BACKSPACE);
    le_op(le, LE_BACKSPACE);
    field_is(le, "khuế");
    /* A sentence with an abbreviation and English words. */
    assert_int_equal(le_set_utf8(le, ""), 0);
    const char *keys = "Thuwcj hieenj KL/TW veef Office, www vaf thuees";
    for (const char *p = keys; *p; p++) le_type(le, (wchar_t)*p);
    field_is(le, "Thực hiện KL/TW về Office, www và thuế");
    /* VNI. */
    le_set_ime(le, LE_IME_VNI, 0);
    assert_int_equal(le_set_utf8(le, ""), 0);
    for (const char *p = "Hue65 thue61 ue63"; *p; p++) le_type(le, (wchar_t)*p);
    field_is(le, "Huệ thuế uể");
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
        cmocka_unit_test(test_nucleus_table),
        cmocka_unit_test(test_issue12_field),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
