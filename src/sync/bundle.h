/* The bundle file: what travels between the hub and an office (on a USB
 * stick, by email, over ssh).  One file, signed by its sender and encrypted
 * to its receiver; read back only after every check has passed.  Knows
 * nothing of the database: site.c gives it the keys and what to expect.
 * The layout is described at the head of bundle.c. */
#ifndef SANGTAO_BUNDLE_H
#define SANGTAO_BUNDLE_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

enum {
    BUNDLE_DATA = 1,       /* changes: signed, encrypted to the receiver's key */
    BUNDLE_SEED = 2,       /* an office's first database: under a one-time code */
    BUNDLE_KEYS = 3,       /* an office's new keys after `site rekey`: under a code */
};
enum { BUNDLE_HDR = 256, BUNDLE_SIG = 64, BUNDLE_SUM = 32,
       BUNDLE_CODE_LEN = 24 };   /* "ABCD-EFGH-…": 20 letters, 4 dashes */

typedef struct bundle_hdr {
    int kind;
    char deployment[40];
    int from_site, to_site;
    int schema_version;
    char schema_fp[65];
    char created[21];          /* UTC "YYYY-MM-DDTHH:MM:SSZ" */
} bundle_hdr;

/* What the reader expects, and its keys. */
typedef struct bundle_expect {
    const char *deployment;    /* NULL: any (a seed, before the office exists) */
    int to_site;               /* this site's number; -1: any (a seed) */
    int schema_latest;         /* the newest schema this binary knows */
    const char *version;       /* this binary's version, for messages */
    uint64_t max_bytes;        /* a larger file is refused before reading it */
    const unsigned char *my_sk;    /* BUNDLE_DATA: this site's Ed25519 secret key */
    /* BUNDLE_DATA: the sender's Ed25519 public key (pk, SYNC_PK bytes) for
     * site from; ST_ENOTFOUND with e set when the site is unknown. */
    int (*peer_pk)(void *ud, int from, unsigned char pk[32], st_err *e);
    void *ud;
    const char *code;          /* BUNDLE_SEED, BUNDLE_KEYS: the one-time code */
} bundle_expect;

/* Write a BUNDLE_DATA file: payload signed with sign_sk (the sender's
 * Ed25519 secret key) and encrypted to to_pk (the receiver's Ed25519 public
 * key).  Written to PATH.tmp-XXXXXX beside it (mode 0600, the user's own
 * rights), synced, then renamed over path. */
int bundle_write(const char *path, const bundle_hdr *h, const unsigned char *sign_sk,
                 const unsigned char *to_pk, const unsigned char *payload, size_t n,
                 st_err *e);

/* Write a BUNDLE_SEED or BUNDLE_KEYS file under a one-time code (see
 * bundle_new_code); signed with sign_sk (the hub's key). */
int bundle_write_coded(const char *path, const bundle_hdr *h, const char *code,
                       const unsigned char *sign_sk, const unsigned char *payload,
                       size_t n, st_err *e);

/* A new one-time code: 20 letters and digits from an alphabet without
 * look-alikes, in groups of four ("K7QM-…"), NUL-terminated. */
void bundle_new_code(char code[BUNDLE_CODE_LEN + 1]);

/* Read path, check it (in this order: a bundle at all, size, length,
 * checksum, format version, kind, deployment, addressee, schema version,
 * signature, decryption) and return its header and the payload (malloc'd
 * into *out, *n bytes).  Every refusal is ST_EINVAL (ST_EIO: cannot read)
 * with a one-line Vietnamese reason; nothing of the payload is returned
 * then.  kind is what the caller accepts. */
int bundle_read(const char *path, int kind, const bundle_expect *x, bundle_hdr *h,
                unsigned char **out, size_t *n, st_err *e);

/* The same on bytes already in memory (the fuzz harness, and bundle_read). */
int bundle_parse(const unsigned char *buf, size_t len, int kind, const bundle_expect *x,
                 bundle_hdr *h, unsigned char **out, size_t *n, st_err *e);

/* Only the clear header of a file (no signature or decryption): for
 * messages and `sync import` choosing between kinds.  Same refusals as
 * bundle_read up to the checksum. */
int bundle_peek(const char *path, uint64_t max_bytes, bundle_hdr *h, st_err *e);

/* libsodium ready (sodium_init); ST_OK or an error. */
int bundle_crypto_init(st_err *e);

#endif
