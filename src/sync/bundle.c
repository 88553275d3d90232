/* The bundle file (libsodium).  Layout, all integers little-endian:
 *
 *   0    8  magic "SANGTAO" 0x1A
 *   8    2  format version (1)
 *   10   2  kind: 1 changes, 2 seed, 3 keys
 *   12   4  from-site number          16   4  to-site number
 *   20   4  schema version of the sender's database
 *   24  40  deployment id (NUL-padded)
 *   64  64  fingerprint of the synced tables' schema (hex)
 *   128 20  created, UTC "YYYY-MM-DDTHH:MM:SSZ"
 *   152  8  body length L
 *   160 24  nonce
 *   184 16  salt (seed, keys: Argon2id salt of the one-time code)
 *   200 32  the signer's Ed25519 public key (seed, keys only)
 *   232 16  the sender's program version (NUL-padded)
 *   248  8  zero
 *   256  L  body
 *   256+L    64  Ed25519 signature of bytes [0, 256+L) by the sender
 *   320+L    32  BLAKE2b-256 checksum of bytes [0, 320+L)
 *
 * Changes (kind 1): body = crypto_box (X25519 + XSalsa20-Poly1305) from the
 * sender's key to the receiver's, both Ed25519 keys converted to Curve25519,
 * so only the receiver can read it and it came from the sender.  Seed and
 * keys (kinds 2, 3): body = crypto_secretbox under a key derived with
 * Argon2id from a one-time code that the hub prints and the administrator
 * hands over in person with the file.
 *
 * Encrypt, then sign: the reader checks the checksum (damage: a flipped
 * byte, a cut file), the clear header (deployment, addressee, schema) and
 * the signature before it decrypts anything, and nothing of the payload is
 * parsed before all of that passed.  The file is written under a temporary
 * name beside its destination and renamed, so a reader never sees half a
 * bundle. */
#include "bundle.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "base/priv.h"

static const unsigned char MAGIC[8] = {'S', 'A', 'N', 'G', 'T', 'A', 'O', 0x1A};
enum { FORMAT = 1, TAIL = BUNDLE_SIG + BUNDLE_SUM };
enum { O_VER = 8, O_KIND = 10, O_FROM = 12, O_TO = 16, O_SCHEMA = 20, O_DEPL = 24,
       O_FP = 64, O_CREATED = 128, O_LEN = 152, O_NONCE = 160, O_SALT = 184,
       O_SIGNER = 200, O_PROG = 232 };
#define CODE_ALPHABET "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
#define CODE_CHARS 20

int bundle_crypto_init(st_err *e)
{
    if (sodium_init() < 0) return err_set(e, ST_EIO, "Không khởi tạo được libsodium");
    return ST_OK;
}

static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint32_t get32(const unsigned char *p)
{
    uint32_t v = 0;
    for (int i = 3; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}
static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i));
}
static uint64_t get64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}
/* A fixed-width text field: at most w bytes, the rest zero. */
static void put_str(unsigned char *p, size_t w, const char *s)
{
    size_t n = s ? strnlen(s, w) : 0;
    memcpy(p, s ? s : "", n);
    memset(p + n, 0, w - n);
}
/* Back out of a fixed-width field, NUL-terminated; control bytes become '?'
 * so a damaged or hostile header cannot reach a terminal as is. */
static void get_str(char *out, size_t outn, const unsigned char *p, size_t w)
{
    size_t i = 0;
    for (; i < w && i + 1 < outn && p[i]; i++)
        out[i] = (p[i] < 0x20 || p[i] == 0x7f) ? '?' : (char)p[i];
    out[i] = '\0';
}

static const char *kind_name(int kind)
{
    switch (kind) {
    case BUNDLE_DATA: return "tệp trao đổi dữ liệu";
    case BUNDLE_SEED: return "tệp khởi tạo văn phòng (seed)";
    case BUNDLE_KEYS: return "tệp khóa mới của văn phòng";
    default: return "tệp không rõ loại";
    }
}

/* ---- the one-time code ------------------------------------------------------ */

void bundle_new_code(char code[BUNDLE_CODE_LEN + 1])
{
    int k = 0;
    for (int i = 0; i < CODE_CHARS; i++) {
        if (i && i % 4 == 0) code[k++] = '-';
        code[k++] = CODE_ALPHABET[randombytes_uniform(32)];
    }
    code[k] = '\0';
}

/* The key under a code: letters in upper case, dashes and spaces ignored. */
static int code_key(const char *code, const unsigned char *salt,
                    unsigned char key[crypto_secretbox_KEYBYTES], st_err *e)
{
    char norm[CODE_CHARS + 1];
    int n = 0;
    for (const char *p = code ? code : ""; *p; p++) {
        char ch = *p;
        if (ch == '-' || ch == ' ' || ch == '\t') continue;
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
        if (n == CODE_CHARS || !strchr(CODE_ALPHABET, ch) || !ch)
            return err_set(e, ST_EINVAL, "Mã dùng một lần không đúng dạng (20 chữ và số, "
                           "ví dụ K7QM-…; in ra khi tạo tệp ở tỉnh)");
        norm[n++] = ch;
    }
    norm[n] = '\0';
    if (n != CODE_CHARS)
        return err_set(e, ST_EINVAL, "Mã dùng một lần phải có 20 chữ và số (đang có %d)", n);
    if (crypto_pwhash(key, crypto_secretbox_KEYBYTES, norm, (unsigned long long)n, salt,
                      crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, ST_ENOMEM, "hết bộ nhớ (tính khóa từ mã dùng một lần)");
    return ST_OK;
}

/* ---- writing ---------------------------------------------------------------- */

static void header_fill(unsigned char *b, const bundle_hdr *h, size_t body)
{
    memset(b, 0, BUNDLE_HDR);
    memcpy(b, MAGIC, sizeof MAGIC);
    b[O_VER] = FORMAT;
    b[O_KIND] = (unsigned char)h->kind;
    put32(b + O_FROM, (uint32_t)h->from_site);
    put32(b + O_TO, (uint32_t)h->to_site);
    put32(b + O_SCHEMA, (uint32_t)h->schema_version);
    put_str(b + O_DEPL, 40, h->deployment);
    put_str(b + O_FP, 64, h->schema_fp);
    put_str(b + O_CREATED, 20, h->created);
    put64(b + O_LEN, body);
#ifdef SANGTAO_VERSION
    put_str(b + O_PROG, 16, SANGTAO_VERSION);
#endif
}

/* Sign and checksum buf (header + body already in place, total = the whole
 * file), then write it to path through a temporary file and a rename. */
static int seal_and_write(const char *path, unsigned char *buf, size_t total,
                          const unsigned char *sign_sk, st_err *e)
{
    size_t signed_len = total - TAIL;
    crypto_sign_detached(buf + signed_len, NULL, buf, signed_len, sign_sk);
    crypto_generichash(buf + signed_len + BUNDLE_SIG, BUNDLE_SUM, buf, signed_len + BUNDLE_SIG,
                       NULL, 0);
    char tmp[PATH_MAX];
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= sizeof tmp)
        return err_set(e, ST_EINVAL, "Đường dẫn tệp quá dài");
    /* The user's file, with the user's own rights, readable by nobody else. */
    priv_user_begin();
    mode_t old = umask(077);
    int fd = mkstemp(tmp);
    int err = errno;
    umask(old);
    int rc = ST_OK;
    if (fd < 0) {
        rc = err_set(e, ST_EIO, "%s: không tạo được tệp (%s)", path, strerror(err));
        priv_user_end();
        return rc;
    }
    size_t off = 0;
    while (off < total && !rc) {
        ssize_t w = write(fd, buf + off, total - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) rc = err_set(e, ST_EIO, "%s: lỗi ghi tệp (%s)", path, strerror(errno));
        else off += (size_t)w;
    }
    if (!rc && (fchmod(fd, 0600) != 0 || fsync(fd) != 0))
        rc = err_set(e, ST_EIO, "%s: lỗi ghi tệp (%s)", path, strerror(errno));
    if (close(fd) != 0 && !rc)
        rc = err_set(e, ST_EIO, "%s: lỗi ghi tệp (%s)", path, strerror(errno));
    if (!rc && rename(tmp, path) != 0)
        rc = err_set(e, ST_EIO, "%s: không đặt được tên tệp (%s)", path, strerror(errno));
    if (rc) unlink(tmp);
    priv_user_end();
    return rc;
}

int bundle_write(const char *path, const bundle_hdr *h, const unsigned char *sign_sk,
                 const unsigned char *to_pk, const unsigned char *payload, size_t n,
                 st_err *e)
{
    if (bundle_crypto_init(e)) return e->code;
    size_t body = n + crypto_box_MACBYTES, total = BUNDLE_HDR + body + TAIL;
    unsigned char *buf = malloc(total);
    if (!buf) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    bundle_hdr hh = *h;
    hh.kind = BUNDLE_DATA;
    header_fill(buf, &hh, body);
    randombytes_buf(buf + O_NONCE, crypto_box_NONCEBYTES);
    unsigned char my_x[crypto_box_SECRETKEYBYTES], to_x[crypto_box_PUBLICKEYBYTES];
    int rc = ST_OK;
    if (crypto_sign_ed25519_sk_to_curve25519(my_x, sign_sk) != 0 ||
        crypto_sign_ed25519_pk_to_curve25519(to_x, to_pk) != 0)
        rc = err_set(e, ST_EINVAL, "Khóa của trạm nhận không hợp lệ");
    else if (crypto_box_easy(buf + BUNDLE_HDR, payload, n, buf + O_NONCE, to_x, my_x) != 0)
        rc = err_set(e, ST_EINVAL, "Không mã hóa được dữ liệu gửi đi");
    sodium_memzero(my_x, sizeof my_x);
    if (!rc) rc = seal_and_write(path, buf, total, sign_sk, e);
    free(buf);
    return rc;
}

int bundle_write_coded(const char *path, const bundle_hdr *h, const char *code,
                       const unsigned char *sign_sk, const unsigned char *payload,
                       size_t n, st_err *e)
{
    if (bundle_crypto_init(e)) return e->code;
    size_t body = n + crypto_secretbox_MACBYTES, total = BUNDLE_HDR + body + TAIL;
    unsigned char *buf = malloc(total);
    if (!buf) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    header_fill(buf, h, body);
    randombytes_buf(buf + O_NONCE, crypto_secretbox_NONCEBYTES);
    randombytes_buf(buf + O_SALT, crypto_pwhash_SALTBYTES);
    crypto_sign_ed25519_sk_to_pk(buf + O_SIGNER, sign_sk);
    unsigned char key[crypto_secretbox_KEYBYTES];
    int rc = code_key(code, buf + O_SALT, key, e);
    if (!rc) crypto_secretbox_easy(buf + BUNDLE_HDR, payload, n, buf + O_NONCE, key);
    sodium_memzero(key, sizeof key);
    if (!rc) rc = seal_and_write(path, buf, total, sign_sk, e);
    free(buf);
    return rc;
}

/* ---- reading ---------------------------------------------------------------- */

__attribute__((format(printf, 2, 3)))
static int refuse(st_err *e, const char *fmt, ...)
{
    char m[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    return err_set(e, ST_EINVAL, "Không nhận tệp: %s", m);
}

/* Checks up to the checksum: a bundle, its size, its length, no damage. */
static int check_outer(const unsigned char *buf, size_t len, uint64_t max_bytes, st_err *e)
{
    if (len < sizeof MAGIC || memcmp(buf, MAGIC, sizeof MAGIC) != 0)
        return refuse(e, "nó không phải tệp trao đổi của sangtao");
    if (max_bytes && len > max_bytes)
        return refuse(e, "tệp lớn %ld MB, vượt giới hạn %ld MB (sync.max_bundle_mb)",
                      (long)(len >> 20), (long)(max_bytes >> 20));
    if (len < BUNDLE_HDR + TAIL || get64(buf + O_LEN) != len - BUNDLE_HDR - TAIL)
        return refuse(e, "tệp bị cắt cụt hoặc hỏng (%ld byte, không khớp độ dài ghi "
                      "trong tệp): chép lại hoặc xuất lại tệp", (long)len);
    unsigned char sum[BUNDLE_SUM];
    crypto_generichash(sum, sizeof sum, buf, len - BUNDLE_SUM, NULL, 0);
    if (sodium_memcmp(sum, buf + len - BUNDLE_SUM, BUNDLE_SUM) != 0)
        return refuse(e, "tệp bị hỏng (sai tổng kiểm tra): chép lại hoặc xuất lại tệp");
    if (buf[O_VER] != FORMAT || buf[O_VER + 1] != 0)
        return refuse(e, "tệp theo định dạng %ld, chương trình này chỉ đọc định dạng %ld: "
                      "cài sangtao bản mới hơn",
                      (long)buf[O_VER] | (long)buf[O_VER + 1] << 8, (long)FORMAT);
    return ST_OK;
}

static void header_get(const unsigned char *buf, bundle_hdr *h)
{
    memset(h, 0, sizeof *h);
    h->kind = buf[O_KIND] | buf[O_KIND + 1] << 8;
    h->from_site = (int)(get32(buf + O_FROM) & 0x7fffffff);
    h->to_site = (int)(get32(buf + O_TO) & 0x7fffffff);
    h->schema_version = (int)(get32(buf + O_SCHEMA) & 0x7fffffff);
    get_str(h->deployment, sizeof h->deployment, buf + O_DEPL, 40);
    get_str(h->schema_fp, sizeof h->schema_fp, buf + O_FP, 64);
    get_str(h->created, sizeof h->created, buf + O_CREATED, 20);
}

int bundle_parse(const unsigned char *buf, size_t len, int kind, const bundle_expect *x,
                 bundle_hdr *h, unsigned char **out, size_t *n, st_err *e)
{
    *out = NULL;
    *n = 0;
    int rc = check_outer(buf, len, x->max_bytes, e);
    if (rc) return rc;
    header_get(buf, h);
    if (h->kind != kind) {
        char m[200];
        snprintf(m, sizeof m, "đây là %s, cần %s", kind_name(h->kind), kind_name(kind));
        return refuse(e, "%s", m);
    }
    if (x->deployment && strcmp(h->deployment, x->deployment) != 0) {
        char m[200];
        snprintf(m, sizeof m, "tệp thuộc hệ thống khác (mã triển khai %s, ở đây %s)",
                 h->deployment, x->deployment);
        return refuse(e, "%s", m);
    }
    if (x->to_site >= 0 && h->to_site != x->to_site)
        return refuse(e, "tệp gửi cho trạm số %d, không phải trạm này (số %d)",
                      h->to_site, x->to_site);
    if (h->schema_version > x->schema_latest) {
        char prog[17];
        get_str(prog, sizeof prog, buf + O_PROG, 16);
        char m[300];
        snprintf(m, sizeof m, "tệp có cấu trúc dữ liệu phiên bản %d, chương trình này (sangtao "
                 "%s) chỉ biết đến phiên bản %d: cài sangtao %s trở lên rồi nhập lại",
                 h->schema_version, x->version ? x->version : "?", x->schema_latest,
                 prog[0] ? prog : "bản mới hơn");
        return refuse(e, "%s", m);
    }
    /* The signature: the registered key of the sending site (changes), or
     * the key inside the header, checked against the hub's when known. */
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (kind == BUNDLE_DATA || x->peer_pk) {
        if (!x->peer_pk)
            return refuse(e, "không biết khóa của trạm gửi");
        st_err pe;
        err_clear(&pe);
        if (x->peer_pk(x->ud, h->from_site, pk, &pe) != ST_OK) {
            if (pe.code != ST_ENOTFOUND) return err_set(e, pe.code, "%s", pe.msg);
            return refuse(e, "trạm gửi (số %d) chưa được đăng ký ở đây (sangtao site list)",
                          h->from_site);
        }
        if (kind != BUNDLE_DATA && sodium_memcmp(pk, buf + O_SIGNER, sizeof pk) != 0)
            return refuse(e, "chữ ký không hợp lệ: tệp không do tỉnh (trạm số %d) ký",
                          h->from_site);
    } else {
        memcpy(pk, buf + O_SIGNER, sizeof pk);
    }
    size_t body = len - BUNDLE_HDR - TAIL;
    if (crypto_sign_verify_detached(buf + BUNDLE_HDR + body, buf, BUNDLE_HDR + body, pk) != 0)
        return refuse(e, "chữ ký không hợp lệ: tệp không do trạm số %d gửi, hoặc đã bị sửa",
                      h->from_site);
    size_t mac = kind == BUNDLE_DATA ? crypto_box_MACBYTES : crypto_secretbox_MACBYTES;
    if (body < mac) return refuse(e, "tệp bị hỏng (phần dữ liệu quá ngắn)");
    unsigned char *plain = malloc(body - mac + 1);
    if (!plain) return err_set(e, ST_ENOMEM, "hết bộ nhớ");
    if (kind == BUNDLE_DATA) {
        unsigned char my_x[crypto_box_SECRETKEYBYTES], from_x[crypto_box_PUBLICKEYBYTES];
        if (!x->my_sk || crypto_sign_ed25519_sk_to_curve25519(my_x, x->my_sk) != 0 ||
            crypto_sign_ed25519_pk_to_curve25519(from_x, pk) != 0 ||
            crypto_box_open_easy(plain, buf + BUNDLE_HDR, body, buf + O_NONCE, from_x, my_x) != 0)
            rc = refuse(e, "không giải mã được: tệp không được mã hóa cho khóa của trạm này "
                        "(khóa đã đổi? sangtao site rekey)");
        sodium_memzero(my_x, sizeof my_x);
    } else {
        unsigned char key[crypto_secretbox_KEYBYTES];
        rc = code_key(x->code, buf + O_SALT, key, e);
        if (!rc && crypto_secretbox_open_easy(plain, buf + BUNDLE_HDR, body, buf + O_NONCE,
                                              key) != 0)
            rc = refuse(e, "sai mã dùng một lần (mã in ra khi tạo tệp ở tỉnh)");
        sodium_memzero(key, sizeof key);
    }
    if (rc) {
        free(plain);
        return rc;
    }
    *out = plain;
    *n = body - mac;
    return ST_OK;
}

/* The whole file, refused before reading when larger than max_bytes. */
static int read_file(const char *path, uint64_t max_bytes, unsigned char **buf, size_t *len,
                     st_err *e)
{
    *buf = NULL;
    *len = 0;
    FILE *f = priv_fopen_user(path, "rb");
    if (!f) return err_set(e, ST_EIO, "%s: không mở được tệp (%s)", path, strerror(errno));
    struct stat sb;
    int rc = ST_OK;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        rc = err_set(e, ST_EIO, "%s: không phải tệp thường", path);
    } else if (max_bytes && (uint64_t)sb.st_size > max_bytes) {
        unsigned char head[sizeof MAGIC];
        size_t got = fread(head, 1, sizeof head, f);
        if (got < sizeof head || memcmp(head, MAGIC, sizeof MAGIC) != 0)
            rc = refuse(e, "nó không phải tệp trao đổi của sangtao");
        else
            rc = refuse(e, "tệp lớn %ld MB, vượt giới hạn %ld MB (sync.max_bundle_mb)", (long)((uint64_t)sb.st_size >> 20), (long)(max_bytes >> 20));
    } else {
        size_t want = (size_t)sb.st_size;
        *buf = malloc(want ? want : 1);
        if (!*buf) rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
        else if (fread(*buf, 1, want, f) != want || ferror(f))
            rc = err_set(e, ST_EIO, "%s: lỗi đọc tệp", path);
        else *len = want;
    }
    fclose(f);
    if (rc) {
        free(*buf);
        *buf = NULL;
    }
    return rc;
}

static int prefix_path(const char *path, st_err *e)
{
    char m[sizeof e->msg];
    snprintf(m, sizeof m, "%s: %s", path, e->msg);
    snprintf(e->msg, sizeof e->msg, "%s", m);
    return e->code;
}

int bundle_read(const char *path, int kind, const bundle_expect *x, bundle_hdr *h,
                unsigned char **out, size_t *n, st_err *e)
{
    *out = NULL;
    *n = 0;
    if (bundle_crypto_init(e)) return e->code;
    unsigned char *buf;
    size_t len;
    int rc = read_file(path, x->max_bytes, &buf, &len, e);
    if (rc) return rc == ST_EINVAL ? prefix_path(path, e) : rc;
    rc = bundle_parse(buf, len, kind, x, h, out, n, e);
    free(buf);
    return rc == ST_EINVAL ? prefix_path(path, e) : rc;
}

int bundle_peek(const char *path, uint64_t max_bytes, bundle_hdr *h, st_err *e)
{
    if (bundle_crypto_init(e)) return e->code;
    unsigned char *buf;
    size_t len;
    int rc = read_file(path, max_bytes, &buf, &len, e);
    if (rc) return rc == ST_EINVAL ? prefix_path(path, e) : rc;
    rc = check_outer(buf, len, max_bytes, e);
    if (!rc) header_get(buf, h);
    free(buf);
    return rc == ST_EINVAL ? prefix_path(path, e) : rc;
}
