/* libFuzzer: importing a bundle.  Arbitrary bytes as a bundle file (every
 * refusal, never a crash, nothing handed out unless signed and sealed); and,
 * when the first byte is odd, the rest of the bytes wrapped as a genuine
 * bundle from office 2, read back and applied by the engine to a real
 * (in-memory) hub database: refused or applied, never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "store/db.h"
#include "sync/bundle.h"
#include "sync/sync.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static config *cfg;
static st_db *db;
static unsigned char hub_pk[32], hub_sk[64], office_pk[32], office_sk[64];
static char path[64];

static int peer(void *ud, int from, unsigned char pk[32], st_err *e)
{
    (void)ud;
    if (from != 2) return err_set(e, ST_ENOTFOUND, "không có");
    memcpy(pk, office_pk, 32);
    return ST_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    st_err e;
    err_clear(&e);
    if (sodium_init() < 0) abort();
    unsigned char seed[32];
    memset(seed, 1, sizeof seed);
    crypto_sign_seed_keypair(hub_pk, hub_sk, seed);
    memset(seed, 2, sizeof seed);
    crypto_sign_seed_keypair(office_pk, office_sk, seed);
    snprintf(path, sizeof path, "/tmp/fuzz-bundle-%d.sangtao", (int)getpid());
    if (config_new(&cfg, &e) || config_set(cfg, "database.path", ":memory:", &e) ||
        db_open(cfg, DB_OPEN_CREATE, &db, &e)) {
        fprintf(stderr, "fuzz_bundle: %s\n", e.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    st_err e;
    err_clear(&e);
    bundle_expect x;
    memset(&x, 0, sizeof x);
    x.deployment = "TN-000000000000";
    x.to_site = 1;
    x.schema_latest = db_schema_latest();
    x.max_bytes = 1 << 20;
    x.my_sk = hub_sk;
    x.peer_pk = peer;
    bundle_hdr h;
    unsigned char *out = NULL;
    size_t n = 0;
    if (bundle_parse(data, size, BUNDLE_DATA, &x, &h, &out, &n, &e) == ST_OK) abort();
    if (out) abort();
    if (size == 0 || !(data[0] & 1)) return 0;
    memset(&h, 0, sizeof h);
    h.kind = BUNDLE_DATA;
    snprintf(h.deployment, sizeof h.deployment, "%s", x.deployment);
    h.from_site = 2;
    h.to_site = 1;
    h.schema_version = db_schema_version(db);
    if (bundle_write(path, &h, office_sk, hub_pk, data + 1, size - 1, &e) != ST_OK) abort();
    if (bundle_read(path, BUNDLE_DATA, &x, &h, &out, &n, &e) != ST_OK) abort();
    if (n != size - 1 || memcmp(out, data + 1, n) != 0) abort();
    sync_result r;
    sync_payload_apply(db, 2, out, n, &r, &e);
    free(out);
    unlink(path);
    return 0;
}
