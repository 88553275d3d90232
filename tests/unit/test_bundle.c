/* The bundle file (src/sync/bundle.c): a round trip, and every refusal on a
 * real file, each before anything of the payload is handed out. */
#include "testutil.h"

#include <sys/stat.h>
#include <sodium.h>

#include "sync/bundle.h"

#define DEP "BD-3fa9c2d41e07"
static const char PAYLOAD[] = "Đề xuất: Số hóa hồ sơ một cửa ở xã Phước Thuận — thay đổi 1/2";

typedef struct keys {
    unsigned char pk[32], sk[64];
} keys;

static keys hub, office, stranger;
static int registered_hub_is_stranger;   /* peer_pk hands out the wrong key */

static int peer_pk(void *ud, int from, unsigned char pk[32], st_err *e)
{
    (void)ud;
    if (from != 1) return err_set(e, ST_ENOTFOUND, "không có");
    memcpy(pk, registered_hub_is_stranger ? stranger.pk : hub.pk, 32);
    return ST_OK;
}

static int setup(void **state)
{
    assert_int_equal(sodium_init() >= 0, 1);
    crypto_sign_keypair(hub.pk, hub.sk);
    crypto_sign_keypair(office.pk, office.sk);
    crypto_sign_keypair(stranger.pk, stranger.sk);
    registered_hub_is_stranger = 0;
    *state = tu_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    char *dir = *state;
    tu_rmdir(&dir);
    return 0;
}

static bundle_hdr hdr(int schema)
{
    bundle_hdr h;
    memset(&h, 0, sizeof h);
    h.kind = BUNDLE_DATA;
    snprintf(h.deployment, sizeof h.deployment, "%s", DEP);
    h.from_site = 1;
    h.to_site = 2;
    h.schema_version = schema;
    memset(h.schema_fp, 'a', 64);
    snprintf(h.created, sizeof h.created, "2026-03-02T08:00:00Z");
    return h;
}

/* What the office (site 2) expects from the hub (site 1). */
static bundle_expect expect(void)
{
    bundle_expect x;
    memset(&x, 0, sizeof x);
    x.deployment = DEP;
    x.to_site = 2;
    x.schema_latest = 12;
    x.version = "0.1.0";
    x.max_bytes = 1 << 20;
    x.my_sk = office.sk;
    x.peer_pk = peer_pk;
    return x;
}

static char *write_bundle(const char *dir, const char *name, const keys *signer,
                          const unsigned char *to_pk, int schema)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    bundle_hdr h = hdr(schema);
    st_err e;
    err_clear(&e);
    if (bundle_write(path, &h, signer->sk, to_pk, (const unsigned char *)PAYLOAD,
                     sizeof PAYLOAD, &e) != ST_OK)
        fail_msg("bundle_write: %s", e.msg);
    return path;
}

/* Read path and expect a refusal whose message contains want; nothing of
 * the payload comes out. */
static void refused(const char *path, const bundle_expect *x, int kind, const char *want)
{
    st_err e;
    err_clear(&e);
    bundle_hdr h;
    unsigned char *out = (unsigned char *)"sentinel";
    size_t n = 99;
    int rc = bundle_read(path, kind, x, &h, &out, &n, &e);
    if (rc != ST_EINVAL) fail_msg("expected a refusal (%s), got %d: %s", want, rc, e.msg);
    assert_null(out);
    assert_int_equal(n, 0);
    if (!strstr(e.msg, want)) fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
    assert_null(strchr(e.msg, '\n'));   /* one line */
}

static unsigned char *load(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    unsigned char *b = malloc(*n);
    assert_int_equal(fread(b, 1, *n, f), *n);
    fclose(f);
    return b;
}

static void save(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
}

static void test_round_trip(void **state)
{
    const char *dir = *state;
    char *path = write_bundle(dir, "to-office.sangtao", &hub, office.pk, 12);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    /* Written under a temporary name and renamed: nothing else is left. */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test $(ls '%s' | wc -l) -eq 1", dir);
    assert_int_equal(system(cmd), 0);
    /* Encrypted: the text is nowhere in the file. */
    size_t n;
    unsigned char *raw = load(path, &n);
    const char *needle = "Phước Thuận";
    for (size_t i = 0; i + strlen(needle) <= n; i++)
        assert_int_not_equal(memcmp(raw + i, needle, strlen(needle)), 0);
    free(raw);
    bundle_expect x = expect();
    bundle_hdr h;
    unsigned char *out;
    st_err e;
    err_clear(&e);
    if (bundle_read(path, BUNDLE_DATA, &x, &h, &out, &n, &e) != ST_OK)
        fail_msg("bundle_read: %s", e.msg);
    assert_int_equal(n, sizeof PAYLOAD);
    assert_memory_equal(out, PAYLOAD, sizeof PAYLOAD);
    assert_string_equal(h.deployment, DEP);
    assert_int_equal(h.from_site, 1);
    assert_int_equal(h.to_site, 2);
    assert_int_equal(h.schema_version, 12);
    assert_string_equal(h.created, "2026-03-02T08:00:00Z");
    free(out);
    /* An older schema is not refused here (the engine reads it). */
    char *old = write_bundle(dir, "older.sangtao", &hub, office.pk, 11);
    assert_int_equal(bundle_read(old, BUNDLE_DATA, &x, &h, &out, &n, &e), ST_OK);
    free(out);
    free(old);
    /* Written again over the same name: replaced whole. */
    free(write_bundle(dir, "to-office.sangtao", &hub, office.pk, 12));
    assert_int_equal(bundle_read(path, BUNDLE_DATA, &x, &h, &out, &n, &e), ST_OK);
    free(out);
    free(path);
}

static void test_not_a_bundle(void **state)
{
    char *path = tu_write(*state, "ghi-chu.txt", "Biên bản họp chi bộ tháng 3\n");
    bundle_expect x = expect();
    refused(path, &x, BUNDLE_DATA, "không phải tệp trao đổi của sangtao");
    char *empty = tu_write(*state, "rong.sangtao", "");
    refused(empty, &x, BUNDLE_DATA, "không phải tệp trao đổi");
    free(path);
    free(empty);
}

static void test_flipped_byte(void **state)
{
    const char *dir = *state;
    char *path = write_bundle(dir, "b.sangtao", &hub, office.pk, 12);
    size_t n;
    unsigned char *good = load(path, &n);
    bundle_expect x = expect();
    /* In the header, in the body, in the signature, in the checksum. */
    size_t at[] = {9, 30, 100, BUNDLE_HDR + 5, n - BUNDLE_SUM - 10, n - 1};
    for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
        unsigned char *bad = malloc(n);
        memcpy(bad, good, n);
        bad[at[i]] ^= 0x01;
        save(path, bad, n);
        refused(path, &x, BUNDLE_DATA, "sai tổng kiểm tra");
        free(bad);
    }
    free(good);
    free(path);
}

static void test_truncated(void **state)
{
    const char *dir = *state;
    char *path = write_bundle(dir, "b.sangtao", &hub, office.pk, 12);
    size_t n;
    unsigned char *good = load(path, &n);
    bundle_expect x = expect();
    size_t cut[] = {n - 1, n / 2, BUNDLE_HDR, 20};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        save(path, good, cut[i]);
        refused(path, &x, BUNDLE_DATA, "cắt cụt");
    }
    /* One byte too many is damage as well. */
    unsigned char *more = malloc(n + 1);
    memcpy(more, good, n);
    more[n] = 0;
    save(path, more, n + 1);
    refused(path, &x, BUNDLE_DATA, "cắt cụt");
    free(more);
    free(good);
    free(path);
}

static void test_bad_signature(void **state)
{
    /* A well-formed file signed by a key that is not the hub's. */
    char *path = write_bundle(*state, "forged.sangtao", &stranger, office.pk, 12);
    bundle_expect x = expect();
    refused(path, &x, BUNDLE_DATA, "chữ ký không hợp lệ");
    /* The hub's genuine file, but the office holds another key for the hub. */
    char *genuine = write_bundle(*state, "genuine.sangtao", &hub, office.pk, 12);
    registered_hub_is_stranger = 1;
    refused(genuine, &x, BUNDLE_DATA, "chữ ký không hợp lệ");
    registered_hub_is_stranger = 0;
    free(path);
    free(genuine);
}

static void test_wrong_deployment(void **state)
{
    char *path = write_bundle(*state, "b.sangtao", &hub, office.pk, 12);
    bundle_expect x = expect();
    x.deployment = "QN-77aa00bb11cc";
    refused(path, &x, BUNDLE_DATA, "hệ thống khác (mã triển khai " DEP ", ở đây QN-77aa00bb11cc)");
    free(path);
}

static void test_not_addressed_here(void **state)
{
    char *path = write_bundle(*state, "b.sangtao", &hub, office.pk, 12);
    bundle_expect x = expect();
    x.to_site = 3;
    refused(path, &x, BUNDLE_DATA, "gửi cho trạm số 2, không phải trạm này (số 3)");
    free(path);
}

static void test_schema_newer(void **state)
{
    char *path = write_bundle(*state, "b.sangtao", &hub, office.pk, 13);
    bundle_expect x = expect();
    refused(path, &x, BUNDLE_DATA, "phiên bản 13");
    refused(path, &x, BUNDLE_DATA, "chỉ biết đến phiên bản 12: cài sangtao");
    free(path);
}

static void test_size_limit(void **state)
{
    char *path = write_bundle(*state, "b.sangtao", &hub, office.pk, 12);
    bundle_expect x = expect();
    x.max_bytes = 200;
    refused(path, &x, BUNDLE_DATA, "vượt giới hạn");
    refused(path, &x, BUNDLE_DATA, "sync.max_bundle_mb");
    free(path);
}

static void test_unknown_sender_and_wrong_key(void **state)
{
    const char *dir = *state;
    char *path = malloc(strlen(dir) + 20);
    sprintf(path, "%s/from9.sangtao", dir);
    bundle_hdr h = hdr(12);
    h.from_site = 9;
    st_err e;
    err_clear(&e);
    assert_int_equal(bundle_write(path, &h, hub.sk, office.pk, (const unsigned char *)"x", 1, &e),
                     ST_OK);
    bundle_expect x = expect();
    refused(path, &x, BUNDLE_DATA, "trạm gửi (số 9) chưa được đăng ký");
    /* Signed by the hub but encrypted to another office's key. */
    char *other = write_bundle(dir, "other.sangtao", &hub, stranger.pk, 12);
    refused(other, &x, BUNDLE_DATA, "không giải mã được");
    /* A data bundle is not a seed. */
    x.code = "AAAA-BBBB-CCCC-DDDD-EEEE";
    refused(other, &x, BUNDLE_SEED, "cần tệp khởi tạo văn phòng");
    free(other);
    free(path);
}

static void test_coded(void **state)
{
    const char *dir = *state;
    char code[BUNDLE_CODE_LEN + 1];
    bundle_new_code(code);
    assert_int_equal(strlen(code), BUNDLE_CODE_LEN);
    assert_int_equal(code[4], '-');
    char path[600];
    snprintf(path, sizeof path, "%s/seed.sangtao", dir);
    bundle_hdr h = hdr(12);
    h.kind = BUNDLE_SEED;
    st_err e;
    err_clear(&e);
    assert_int_equal(bundle_write_coded(path, &h, code, hub.sk, (const unsigned char *)PAYLOAD,
                                        sizeof PAYLOAD, &e), ST_OK);
    bundle_expect x;
    memset(&x, 0, sizeof x);
    x.to_site = -1;
    x.schema_latest = 12;
    x.max_bytes = 1 << 20;
    /* Typed in lower case without dashes: the same code. */
    char typed[BUNDLE_CODE_LEN + 1];
    int k = 0;
    for (const char *p = code; *p; p++)
        if (*p != '-') typed[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    typed[k] = '\0';
    x.code = typed;
    unsigned char *out;
    size_t n;
    if (bundle_read(path, BUNDLE_SEED, &x, &h, &out, &n, &e) != ST_OK)
        fail_msg("seed: %s", e.msg);
    assert_int_equal(n, sizeof PAYLOAD);
    assert_memory_equal(out, PAYLOAD, n);
    free(out);
    /* Another code of the right shape; a code of the wrong shape. */
    char wrong[BUNDLE_CODE_LEN + 1];
    do bundle_new_code(wrong); while (strcmp(wrong, code) == 0);
    x.code = wrong;
    refused(path, &x, BUNDLE_SEED, "sai mã dùng một lần");
    x.code = "12345";
    err_clear(&e);
    assert_int_equal(bundle_read(path, BUNDLE_SEED, &x, &h, &out, &n, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "20 chữ và số"));
    /* Checked against the hub's registered key when the reader knows it. */
    x.code = code;
    x.peer_pk = peer_pk;
    x.deployment = DEP;
    x.to_site = 3;
    refused(path, &x, BUNDLE_SEED, "gửi cho trạm số 2");
    x.to_site = 2;
    assert_int_equal(bundle_read(path, BUNDLE_SEED, &x, &h, &out, &n, &e), ST_OK);
    free(out);
    registered_hub_is_stranger = 1;
    refused(path, &x, BUNDLE_SEED, "chữ ký không hợp lệ");
    registered_hub_is_stranger = 0;
}

static void test_peek(void **state)
{
    char *path = write_bundle(*state, "b.sangtao", &hub, office.pk, 12);
    bundle_hdr h;
    st_err e;
    err_clear(&e);
    assert_int_equal(bundle_peek(path, 1 << 20, &h, &e), ST_OK);
    assert_int_equal(h.kind, BUNDLE_DATA);
    assert_int_equal(h.to_site, 2);
    char *txt = tu_write(*state, "x.txt", "không phải");
    assert_int_equal(bundle_peek(txt, 1 << 20, &h, &e), ST_EINVAL);
    free(txt);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_bundle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flipped_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_signature, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_deployment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_addressed_here, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_newer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_sender_and_wrong_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_peek, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
