/* Passwords: yescrypt hashes (libxcrypt), checked in constant time, and the
 * rules a new one must meet.  A password is never stored, logged or put in
 * a message; only its hash is kept (password.h). */
#include "password.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "text/text.h"

void password_wipe(char *s)
{
    if (!s) return;
    explicit_bzero(s, strlen(s));
    free(s);
}

/* Hash pw with setting (a fresh salt, or a stored hash to verify). */
static int pw_crypt(const char *pw, const char *setting, char out[CRYPT_OUTPUT_SIZE])
{
    struct crypt_data *cd = calloc(1, sizeof *cd);  /* ~32 KiB: not on the stack */
    if (!cd) return ST_ENOMEM;
    const char *h = crypt_r(pw, setting, cd);
    int ok = h && h[0] != '*' && strlen(h) < CRYPT_OUTPUT_SIZE;
    if (ok) memcpy(out, h, strlen(h) + 1);
    explicit_bzero(cd, sizeof *cd);
    free(cd);
    return ok ? ST_OK : ST_EINVAL;
}

/* security.password_cost, the yescrypt cost: N needs 2^(N-1) MiB for the
 * moment of the hash.  The default, 2 (2 MiB), is the most DESIGN.md's
 * 10 MB per session allows: cost 3 (4 MiB) on top of the ~7 MB that the
 * shared libraries and screens already hold took a session to 11.2 MB at
 * login (make bench).  A server with memory to spare raises it in
 * config.ini; the lockout already limits guessing on line.  A stored hash
 * keeps its own cost: the setting applies to passwords set from then on. */
static unsigned long pw_cost(st_db *db)
{
    long c = db ? config_int(db_config(db), "security.password_cost") : 2;
    return (unsigned long)(c < 1 ? 1 : c);
}

int password_hash(st_db *db, const char *pw, char out[CRYPT_OUTPUT_SIZE], st_err *e)
{
    const char *salt = crypt_gensalt("$y$", pw_cost(db), NULL, 0);
    if (!salt || pw_crypt(pw, salt, out) != ST_OK)
        return err_set(e, ST_EIO, "Không tạo được mã băm mật khẩu (libxcrypt)");
    return ST_OK;
}

/* Compare without an early exit, so the time does not tell how much matched. */
static int ct_equal(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), n = la < lb ? la : lb;
    unsigned char d = la != lb;
    for (size_t i = 0; i < n; i++) d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

/* Unknown users are checked against a throw-away salt so that the answer
 * takes as long as for a real account. */
int password_verify(st_db *db, const char *pw, const char *stored)
{
    static char dummy[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!stored || !*stored) {
        if (!dummy[0]) {
            const char *s = crypt_gensalt("$y$", pw_cost(db), NULL, 0);
            if (s) snprintf(dummy, sizeof dummy, "%s", s);
        }
        stored = dummy;
    }
    char out[CRYPT_OUTPUT_SIZE];
    int ok = pw_crypt(pw ? pw : "", stored, out) == ST_OK && ct_equal(out, stored) &&
             stored != dummy;
    explicit_bzero(out, sizeof out);
    return ok;
}

/* NFC (so every keyboard types the same password) and length rules. */
int password_prepare(st_db *db, const char *pw, const char *field, char **out, st_err *e)
{
    *out = NULL;
    if (!pw || strlen(pw) > PW_MAX_BYTES)
        return err_field(e, ST_EINVAL, field, "Mật khẩu quá dài (tối đa %d byte)", PW_MAX_BYTES);
    st_err te;
    err_clear(&te);
    if (text_nfc(pw, out, &te) != ST_OK)
        return err_field(e, te.code, field, "Mật khẩu không phải văn bản UTF-8 hợp lệ");
    long min = config_int(db_config(db), "security.min_password_length"), chars = 0;
    for (const char *p = *out; *p; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) chars++;
    if (chars < min) {
        password_wipe(*out);
        *out = NULL;
        return err_field(e, ST_EINVAL, field, "Mật khẩu phải có ít nhất %ld ký tự", min);
    }
    return ST_OK;
}
