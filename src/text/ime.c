/* Telex and VNI composition.
 *
 * A syllable is held as letters (an ASCII base, a vowel mark, the case) and
 * one tone for the whole syllable; the tone's place is decided only when the
 * syllable is written out, by the spelling rules, so it moves by itself as
 * letters are added.  Every key is tried as a mark or tone first; it becomes a
 * plain letter when the mark cannot apply or would give something that is
 * not a Vietnamese syllable.  When a plain letter makes a marked word stop
 * being Vietnamese ("tẽ" + "t"), the keys come back as typed ("text"). */
#include "ime.h"

#include <string.h>
#include <utf8proc.h>

enum { M_NONE, M_HAT, M_BREVE, M_HORN, M_BAR };
enum { T_NONE, T_GRAVE, T_HOOK, T_TILDE, T_ACUTE, T_DOT };
enum { R_NONE, R_DONE, R_UNDO, R_UNDO_INPLACE };

/* Each vowel with its mark, in the tone order above. */
static const struct {
    wchar_t base;
    unsigned char mark;
    const wchar_t *forms;
} VOWELS[] = {
    {L'a', M_NONE, L"aàảãáạ"}, {L'a', M_BREVE, L"ăằẳẵắặ"}, {L'a', M_HAT, L"âầẩẫấậ"},
    {L'e', M_NONE, L"eèẻẽéẹ"}, {L'e', M_HAT, L"êềểễếệ"},  {L'i', M_NONE, L"iìỉĩíị"},
    {L'o', M_NONE, L"oòỏõóọ"}, {L'o', M_HAT, L"ôồổỗốộ"},  {L'o', M_HORN, L"ơờởỡớợ"},
    {L'u', M_NONE, L"uùủũúụ"}, {L'u', M_HORN, L"ưừửữứự"}, {L'y', M_NONE, L"yỳỷỹýỵ"},
};
#define NVOWELS (sizeof VOWELS / sizeof VOWELS[0])

static const char *const INITIALS[] = {
    "", "b", "c", "ch", "d", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x", NULL};
static const char *const FINALS[] = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t", NULL};

/* The vowel clusters (nuclei) of Vietnamese syllables, from the syllable
 * structure: the twelve vowels; the falling diphthongs (closing in i/y or
 * o/u); the centring ones (ia iê yê ua uô ưa ươ); those with the medial o/u
 * (oa oă oe uâ uê uy uơ); "oo" (xoong, soóc); and the triphthongs.  While a
 * syllable is typed it is also met with marks still missing ("ie" before
 * "iê", "ưo" before "ươ", "ue" before "uê"): nucleus_known accepts every
 * letter unmarked where the nucleus has a mark, so each step on the way is a
 * syllable too, and this table lists only real nuclei. */
static const wchar_t *const NUCLEI[] = {
    L"a", L"ă", L"â", L"e", L"ê", L"i", L"o", L"ô", L"ơ", L"u", L"ư", L"y",
    L"ai", L"ao", L"au", L"âu", L"ay", L"ây", L"eo", L"êu", L"ia", L"iê", L"iu",
    L"oa", L"oă", L"oe", L"oi", L"ôi", L"ơi", L"oo", L"ua", L"uâ", L"uê", L"ui",
    L"uô", L"uơ", L"uy", L"ưa", L"ưi", L"ươ", L"ưu", L"yê",
    L"iêu", L"oai", L"oao", L"oay", L"oeo", L"uây", L"uêu", L"uôi", L"uya", L"uyê",
    L"uyu", L"ươi", L"ươu", L"yêu", NULL};

struct ltr {
    wchar_t ch;            /* lower-case ASCII base (or the key itself) */
    unsigned char mark, up, from_w;
};

struct syl {
    struct ltr l[IME_MAX_KEYS];
    int n, tone;
};

struct parts {
    int ns, ne;            /* the vowel cluster, [ns, ne) */
};

static wchar_t to_lower(wchar_t c) { return (wchar_t)utf8proc_tolower((utf8proc_int32_t)c); }
static wchar_t to_upper(wchar_t c) { return (wchar_t)utf8proc_toupper((utf8proc_int32_t)c); }

static int is_vowel(wchar_t c)
{
    return c == L'a' || c == L'e' || c == L'i' || c == L'o' || c == L'u' || c == L'y';
}

/* A letter into base, mark, case and tone; 0 if not a letter we compose. */
static int decode(wchar_t c, struct ltr *o, int *tone)
{
    wchar_t lc = to_lower(c);
    memset(o, 0, sizeof *o);
    *tone = T_NONE;
    o->up = lc != c;
    if (lc >= L'a' && lc <= L'z') {
        o->ch = lc;
        return 1;
    }
    if (lc == 0x0111) {
        o->ch = L'd';
        o->mark = M_BAR;
        return 1;
    }
    for (size_t r = 0; r < NVOWELS; r++)
        for (int t = 0; t < 6; t++)
            if (VOWELS[r].forms[t] == lc) {
                o->ch = VOWELS[r].base;
                o->mark = VOWELS[r].mark;
                *tone = t;
                return 1;
            }
    return 0;
}

static wchar_t encode(const struct ltr *l, int tone)
{
    wchar_t c = l->ch;
    if (l->mark == M_BAR) {
        c = 0x0111;
    } else if (is_vowel(l->ch)) {
        for (size_t r = 0; r < NVOWELS; r++)
            if (VOWELS[r].base == l->ch && VOWELS[r].mark == l->mark) {
                c = VOWELS[r].forms[tone];
                break;
            }
    }
    return l->up ? to_upper(c) : c;
}

/* Do letters [a, b) spell s, unmarked (đ counts as d)? */
static int run_is(const struct syl *s, int a, int b, const char *str)
{
    if ((size_t)(b - a) != strlen(str)) return 0;
    for (int i = a; i < b; i++)
        if (s->l[i].ch != (wchar_t)(unsigned char)str[i - a]) return 0;
    return 1;
}

static int run_in(const struct syl *s, int a, int b, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (run_is(s, a, b, list[i])) return 1;
    return 0;
}

static int nucleus_known(const struct syl *s, int a, int b)
{
    for (size_t i = 0; NUCLEI[i]; i++) {
        const wchar_t *w = NUCLEI[i];
        if (wcslen(w) != (size_t)(b - a)) continue;
        int same = 1;
        for (int k = a; k < b && same; k++) {
            struct ltr x;
            int t;
            decode(w[k - a], &x, &t);
            same = x.ch == s->l[k].ch && (x.mark == s->l[k].mark || s->l[k].mark == M_NONE);
        }
        if (same) return 1;
    }
    return 0;
}

/* Is the syllable Vietnamese (or the start of one)?  Fills the vowel
 * cluster's place. */
static int parse(const struct syl *s, struct parts *p)
{
    int n = s->n, i = 0;
    while (i < n && !is_vowel(s->l[i].ch)) i++;
    int ini = i;
    for (int k = 0; k < ini; k++) {
        if (s->l[k].ch > 0x7f || s->l[k].ch < L'a' || s->l[k].ch > L'z') return 0;
        if (s->l[k].mark && !(k == 0 && ini == 1 && s->l[k].mark == M_BAR)) return 0;
    }
    if (!run_in(s, 0, ini, INITIALS)) return 0;
    if (ini == 1 && s->l[0].ch == L'q') {
        if (i < n && s->l[i].ch == L'u' && !s->l[i].mark) i++;
        else if (i < n) return 0;
    } else if (ini == 1 && s->l[0].ch == L'g' && i + 1 < n && s->l[i].ch == L'i' &&
               !s->l[i].mark && is_vowel(s->l[i + 1].ch)) {
        i++;                                  /* "gi" + vowel: gi is the initial */
    }
    p->ns = i;
    while (i < n && is_vowel(s->l[i].ch)) i++;
    p->ne = i;
    for (int k = p->ne; k < n; k++)
        if (s->l[k].mark || s->l[k].ch < L'a' || s->l[k].ch > L'z') return 0;
    if (!run_in(s, p->ne, n, FINALS)) return 0;
    if (p->ns == p->ne) return p->ne == n && s->tone == T_NONE;
    if (!nucleus_known(s, p->ns, p->ne)) return 0;
    /* Syllables closed by a stop take only the sharp or the heavy tone. */
    if ((s->tone == T_GRAVE || s->tone == T_HOOK || s->tone == T_TILDE) &&
        (run_is(s, p->ne, n, "c") || run_is(s, p->ne, n, "ch") ||
         run_is(s, p->ne, n, "p") || run_is(s, p->ne, n, "t")))
        return 0;
    return 1;
}

static int valid(const struct syl *s)
{
    struct parts p;
    return parse(s, &p);
}

/* Where the tone goes: on the marked vowel (the last one: ươ → ơ); alone;
 * the middle of three; the second of two when a consonant follows; of an
 * open pair, the first, except oa, oe, uy in the new style. */
static int tone_place(const struct syl *s, const struct parts *p, int new_style)
{
    int len = p->ne - p->ns;
    if (len <= 0) return -1;
    for (int k = p->ne - 1; k >= p->ns; k--)
        if (s->l[k].mark == M_HAT || s->l[k].mark == M_BREVE || s->l[k].mark == M_HORN)
            return k;
    if (len == 1) return p->ns;
    if (len >= 3) return p->ns + 1;
    if (p->ne < s->n) return p->ns + 1;
    wchar_t a = s->l[p->ns].ch, b = s->l[p->ns + 1].ch;
    if ((a == L'o' && (b == L'a' || b == L'e')) || (a == L'u' && b == L'y'))
        return new_style ? p->ns + 1 : p->ns;
    return p->ns;
}

static void push(struct syl *s, wchar_t key)
{
    if (s->n >= IME_MAX_KEYS) return;
    struct ltr *l = &s->l[s->n++];
    memset(l, 0, sizeof *l);
    l->ch = to_lower(key);
    l->up = l->ch != key;
}

static int tone_of_key(int mode, wchar_t lk)
{
    static const char telex[] = "frxsj", vni[] = "23415";
    const char *keys = mode == IME_VNI ? vni : telex;
    const char *hit = lk > 0 && lk < 0x80 ? strchr(keys, (int)lk) : NULL;
    return hit ? (int)(hit - keys) + 1 : T_NONE;
}

/* Set mark m on letter k if the result is Vietnamese; else leave it. */
static int try_mark(struct syl *s, int k, unsigned char m)
{
    unsigned char old = s->l[k].mark;
    s->l[k].mark = m;
    if (valid(s)) return 1;
    s->l[k].mark = old;
    return 0;
}

/* Hat (â ê ô): telex repeats the vowel, VNI types 6 (any of a, e, o). */
static int apply_hat(struct syl *s, const struct parts *p, wchar_t want)
{
    for (int k = p->ne - 1; k >= p->ns; k--) {
        wchar_t c = s->l[k].ch;
        if (want ? c != want : !(c == L'a' || c == L'e' || c == L'o')) continue;
        if (s->l[k].mark == M_HAT) {
            s->l[k].mark = M_NONE;
            return R_UNDO;
        }
        if (try_mark(s, k, M_HAT)) return R_DONE;
    }
    return R_NONE;
}

/* Horn and breve: telex w (ươ, ă, ơ, ư, or ư alone), VNI 7 (horn), 8 (breve).
 * Only a lower-case w stands alone for ư: "tw" is "tư", while "TW" (an
 * abbreviation, "KL/TW") stays as typed; "TUW" is "TƯ". */
static int apply_w(struct syl *s, const struct parts *p, int horn, int breve, int alone)
{
    if (horn)
        for (int k = p->ns; k + 1 < p->ne; k++)
            if (s->l[k].ch == L'u' && s->l[k + 1].ch == L'o') {
                if (s->l[k].mark == M_HORN && s->l[k + 1].mark == M_HORN) {
                    s->l[k].mark = s->l[k + 1].mark = M_NONE;
                    return R_UNDO;
                }
                unsigned char a = s->l[k].mark, b = s->l[k + 1].mark;
                s->l[k].mark = s->l[k + 1].mark = M_HORN;
                if (valid(s)) return R_DONE;
                s->l[k].mark = a;
                s->l[k + 1].mark = b;
            }
    for (int k = p->ne - 1; k >= p->ns; k--) {
        wchar_t c = s->l[k].ch;
        unsigned char m;
        if (c == L'a' && breve) m = M_BREVE;
        else if ((c == L'o' || c == L'u') && horn) m = M_HORN;
        else continue;
        if (s->l[k].mark == m) {
            if (s->l[k].from_w) {            /* "ww" gives back "w" */
                s->l[k].ch = L'w';
                s->l[k].mark = M_NONE;
                s->l[k].from_w = 0;
                return R_UNDO_INPLACE;
            }
            s->l[k].mark = M_NONE;
            return R_UNDO;
        }
        if (try_mark(s, k, m)) return R_DONE;
    }
    if (alone && p->ns == p->ne && p->ne == s->n && s->n < IME_MAX_KEYS) {
        struct ltr *l = &s->l[s->n++];
        memset(l, 0, sizeof *l);
        l->ch = L'u';
        l->mark = M_HORN;
        l->from_w = 1;
        if (valid(s)) return R_DONE;
        s->n--;
    }
    return R_NONE;
}

/* đ: telex "dd" typed in a row, or a d typed later in a syllable that
 * begins with d ("did" → "đi", "dangd" → "đang") when the result is
 * Vietnamese; VNI 9 after the word's d.  Besides a syllable's first letter,
 * telex also bars the d of a vowel-less abbreviation ("NĐ-CP", "QĐ"). */
static int apply_bar(struct syl *s, int telex)
{
    int k = telex ? s->n - 1 : 0, vowels = 0;
    if (s->n < 1) return R_NONE;
    if (telex && s->l[k].ch != L'd') k = 0;   /* a later d: the first letter */
    if (s->l[k].ch != L'd') return R_NONE;
    for (int i = 0; i < s->n; i++) vowels += is_vowel(s->l[i].ch);
    if (s->l[k].mark == M_BAR) {
        s->l[k].mark = M_NONE;
        return R_UNDO;
    }
    if (k == 0) return try_mark(s, 0, M_BAR) ? R_DONE : R_NONE;
    if (vowels) return R_NONE;
    s->l[k].mark = M_BAR;
    return R_DONE;
}

/* Try key as a mark or tone on s. */
static int apply(struct syl *s, int mode, wchar_t key)
{
    wchar_t lk = to_lower(key);
    struct parts p;
    if (mode == IME_TELEX && lk == L'd') return apply_bar(s, 1);
    if (mode == IME_VNI && lk == L'9') return apply_bar(s, 0);
    if (!parse(s, &p)) return R_NONE;
    int t = tone_of_key(mode, lk);
    if (t != T_NONE) {
        if (p.ns == p.ne) return R_NONE;
        if (s->tone == t) {
            s->tone = T_NONE;
            return R_UNDO;
        }
        int old = s->tone;
        s->tone = t;
        if (valid(s)) return R_DONE;
        s->tone = old;
        return R_NONE;
    }
    if ((mode == IME_TELEX && lk == L'z') || (mode == IME_VNI && lk == L'0')) {
        if (s->tone == T_NONE) return R_NONE;
        s->tone = T_NONE;
        return R_DONE;
    }
    if (mode == IME_TELEX) {
        if (lk == L'a' || lk == L'e' || lk == L'o') return apply_hat(s, &p, lk);
        if (lk == L'w') return apply_w(s, &p, 1, 1, key == L'w');
        return R_NONE;
    }
    switch (lk) {
    case L'6': return apply_hat(s, &p, 0);
    case L'7': return apply_w(s, &p, 1, 0, 0);
    case L'8': return apply_w(s, &p, 0, 1, 0);
    default: return R_NONE;
    }
}

/* "ưo" with something after it is "ươ" (Telex "truwowng" and "truwong"
 * both give "trương"): set the o's horn in a copy of s. */
static const struct syl *horn_uo(const struct syl *s, struct syl *tmp)
{
    struct parts p;
    if (!parse(s, &p)) return s;
    for (int k = p.ns; k + 1 < p.ne; k++)
        if (s->l[k].ch == L'u' && s->l[k].mark == M_HORN && s->l[k + 1].ch == L'o' &&
            s->l[k + 1].mark == M_NONE && k + 2 < s->n) {
            *tmp = *s;
            tmp->l[k + 1].mark = M_HORN;
            return valid(tmp) ? tmp : s;
        }
    return s;
}

static size_t render(const struct syl *s0, int new_style, wchar_t *out, size_t cap)
{
    struct parts p;
    struct syl tmp;
    const struct syl *s = horn_uo(s0, &tmp);
    int place = -1, open_uo = 0;
    if (parse(s, &p)) {
        if (s->tone != T_NONE) place = tone_place(s, &p, new_style);
        /* "ươ" needs something after it; alone it is written "uơ" (thuở). */
        open_uo = p.ne - p.ns == 2 && p.ne == s->n && s->l[p.ns].ch == L'u' &&
                  s->l[p.ns].mark == M_HORN && s->l[p.ns + 1].ch == L'o' &&
                  s->l[p.ns + 1].mark == M_HORN;
    }
    size_t k = 0;
    for (int i = 0; i < s->n && k < cap; i++) {
        struct ltr l = s->l[i];
        if (open_uo && i == p.ns) l.mark = M_NONE;
        out[k++] = encode(&l, i == place ? s->tone : T_NONE);
    }
    return k;
}

int ime_is_key(int mode, wchar_t c)
{
    if ((c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z')) return 1;
    return mode == IME_VNI && c >= L'0' && c <= L'9';
}

int ime_is_tone_key(int mode, wchar_t c)
{
    wchar_t lk = to_lower(c);
    if (tone_of_key(mode, lk) != T_NONE) return 1;
    return mode == IME_VNI ? lk == L'0' : lk == L'z';
}

int ime_is_letter(wchar_t c)
{
    struct ltr l;
    int t;
    return decode(c, &l, &t);
}

size_t ime_compose(int mode, int new_tone_style, const wchar_t *keys, size_t nkeys,
                   wchar_t *out, size_t cap)
{
    if (nkeys > IME_MAX_KEYS) {
        size_t k = nkeys < cap ? nkeys : cap;
        memcpy(out, keys, k * sizeof *out);
        return k;
    }
    struct syl s;
    memset(&s, 0, sizeof s);
    /* undone: the previous key undid a mark (1), or a "ww" (2); undo_key is
     * that key. */
    int literal = 0, marked = 0, undone = 0;
    wchar_t undo_key = 0;
    for (size_t i = 0; i < nkeys; i++) {
        if (undone) {
            /* A key after an undo: the same key again keeps the letter
             * ("passsword" → "password"); any other means the word goes on
             * and is not Vietnamese ("Office", "effect", "www"): the keys
             * come back as typed. */
            int again = undone == 1 && to_lower(keys[i]) == to_lower(undo_key);
            undone = 0;
            if (!again) {
                memset(&s, 0, sizeof s);
                for (size_t j = 0; j <= i; j++) push(&s, keys[j]);
                literal = 1;
                continue;
            }
        }
        if (!literal) {
            int r = apply(&s, mode, keys[i]);
            if (r == R_DONE) {
                marked = 1;
                continue;
            }
            if (r == R_UNDO_INPLACE) {
                literal = 1;
                undone = 2;
                continue;
            }
            if (r == R_UNDO) {
                /* The key itself follows.  If that is still Vietnamese
                 * ("soo" + "c": soóc, xoong), typing goes on; otherwise the
                 * rest is letters. */
                push(&s, keys[i]);
                if (!valid(&s)) {
                    literal = 1;
                    undone = 1;
                    undo_key = keys[i];
                }
                continue;
            }
        }
        push(&s, keys[i]);
        if (!literal && marked && !valid(&s)) {
            /* Not Vietnamese after all: the keys as typed. */
            memset(&s, 0, sizeof s);
            for (size_t j = 0; j <= i; j++) push(&s, keys[j]);
            literal = 1;
        }
    }
    return render(&s, new_tone_style, out, cap);
}

int ime_same_but_tone_place(const wchar_t *a, size_t na, const wchar_t *b, size_t nb)
{
    if (na != nb) return 0;
    int ta = 0, tb = 0;
    for (size_t i = 0; i < na; i++) {
        struct ltr x, y;
        int t1, t2;
        if (!decode(a[i], &x, &t1) || !decode(b[i], &y, &t2)) {
            if (a[i] != b[i]) return 0;
            continue;
        }
        if (x.ch != y.ch || x.mark != y.mark || x.up != y.up) return 0;
        ta += t1;
        tb += t2;
    }
    return ta == tb;
}

/* ime_keys_for, with Telex "oo" typed as three o (triple_oo) or two. */
static size_t keys_for(int mode, const wchar_t *word, size_t n, wchar_t *keys, size_t cap,
                       int triple_oo)
{
    size_t k = 0;
    int tone = T_NONE;
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++) {
        struct ltr l;
        int t;
        if (!decode(word[i], &l, &t)) return 0;
        if (t != T_NONE) {
            if (tone != T_NONE) return 0;
            tone = t;
        }
        wchar_t base = l.up ? to_upper(l.ch) : l.ch;
        if (k + 2 > cap) return 0;
        keys[k++] = base;
        /* Telex "oo" (soóc, xoong) is typed o, o, o: the third undoes ô. */
        if (triple_oo && l.ch == L'o' && l.mark == M_NONE && i + 1 < n) {
            struct ltr nx;
            int t2;
            if (decode(word[i + 1], &nx, &t2) && nx.ch == L'o' && nx.mark == M_NONE) {
                if (k + 1 > cap) return 0;
                keys[k++] = base;
            }
        }
        if (l.mark == M_NONE) continue;
        /* ươ and uơ are typed u, o, then one horn for the pair. */
        if (l.ch == L'u' && l.mark == M_HORN && i + 1 < n) {
            struct ltr nx;
            int t2;
            if (decode(word[i + 1], &nx, &t2) && nx.ch == L'o' && nx.mark == M_HORN) continue;
        }
        wchar_t mk;
        if (mode == IME_VNI)
            mk = l.mark == M_HAT ? L'6' : l.mark == M_HORN ? L'7' : l.mark == M_BREVE ? L'8' : L'9';
        else
            mk = l.mark == M_HAT ? base : l.mark == M_BAR ? base
                 : (l.up ? L'W' : L'w');
        keys[k++] = mk;
    }
    if (tone != T_NONE) {
        if (k + 1 > cap) return 0;
        keys[k++] = (wchar_t)(mode == IME_VNI ? "23415"[tone - 1] : "frxsj"[tone - 1]);
    }
    wchar_t back[IME_MAX_KEYS];
    if (k > IME_MAX_KEYS) return 0;
    size_t nb = ime_compose(mode, 1, keys, k, back, IME_MAX_KEYS);
    return ime_same_but_tone_place(back, nb, word, n) ? k : 0;
}

size_t ime_keys_for(int mode, const wchar_t *word, size_t n, wchar_t *keys, size_t cap)
{
    size_t k = mode == IME_TELEX ? keys_for(mode, word, n, keys, cap, 1) : 0;
    return k ? k : keys_for(mode, word, n, keys, cap, 0);
}
