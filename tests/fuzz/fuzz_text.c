/* libFuzzer: the UTF-8 and NFC layer (src/text.c) on arbitrary bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s) return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    size_t bad = 0;
    int valid = text_utf8_valid(s, size, &bad);
    if (!valid && bad > size) abort();
    char *nfc = NULL;
    st_err e;
    err_clear(&e);
    int rc = text_nfc(s, &nfc, &e);
    /* Valid UTF-8 without NUL inside must normalise; NFC is idempotent. */
    if (valid && !memchr(data, 0, size) && rc != ST_OK) abort();
    if (rc == ST_OK) {
        char *again = NULL;
        if (text_nfc(nfc, &again, &e) != ST_OK || strcmp(nfc, again) != 0) abort();
        free(again);
        free(text_fold(nfc));
        char *clean = text_sanitize(nfc, 1);
        if (clean) {
            for (char *p = clean; *p; p++)
                if (*p == 0x1b) abort();   /* no escape survives */
            free(clean);
        }
        (void)text_width(nfc);
        text_trim(nfc);
        free(nfc);
    }
    free(s);
    return 0;
}
