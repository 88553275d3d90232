/* Built-in Vietnamese input methods (Telex and VNI) as pure functions over
 * one syllable: the keys typed since the word began are composed afresh on
 * every key, so a tone moves as the syllable grows ("hoas" + "n" → "hoán"),
 * a repeated key undoes its mark ("ass" → "as"), and a word that stops being
 * Vietnamese gets its keys back as typed ("text", "windows").
 * text/lineedit.c drives it; tests/unit/test_ime.c tests it on a corpus. */
#ifndef SANGTAO_IME_H
#define SANGTAO_IME_H

#include <stddef.h>
#include <wchar.h>

enum ime_mode { IME_TELEX = 1, IME_VNI = 2 };   /* the values of enum le_ime */

/* The most keys one syllable composes from; longer words are typed as-is. */
#define IME_MAX_KEYS 32

/* Is c a key the input method composes with?  Telex: ASCII letters; VNI:
 * ASCII letters and digits. */
int ime_is_key(int mode, wchar_t c);

/* Is c a key that sets or clears a tone (Telex s f r x j z, VNI 1-5 0)? */
int ime_is_tone_key(int mode, wchar_t c);

/* Is c a letter of the Vietnamese alphabet or an ASCII letter (what a
 * composed word is made of)? */
int ime_is_letter(wchar_t c);

/* Compose the keys of one word into out (NFC, at most cap characters).
 * new_tone_style: 1 puts the tone of open "oa, oe, uy" on the second vowel
 * ("hoà, thuý"), 0 on the first ("hòa, thúy").  Returns the length. */
size_t ime_compose(int mode, int new_tone_style, const wchar_t *keys, size_t nkeys,
                   wchar_t *out, size_t cap);

/* Keys that compose back into word (NFC letters): "Việt" → "Vieetj" (Telex),
 * "Vie6t5" (VNI).  Returns their number, or 0 when the word is not one the
 * input method could have produced (then typing starts a new syllable). */
size_t ime_keys_for(int mode, const wchar_t *word, size_t n, wchar_t *keys, size_t cap);

/* Do a and b hold the same letters, marks, case and tone, wherever the tone
 * sits ("hoà" and "hòa")? */
int ime_same_but_tone_place(const wchar_t *a, size_t na, const wchar_t *b, size_t nb);

#endif
