/* Attachments: the documents filed with a proposal (the signed plan, minutes,
 * ballots, the Party committee's written opinion, decisions, result
 * reports, evaluation minutes), stored in the database with their SHA-256.
 * A file is read with the user's own rights (never the setgid group's) and
 * never from the database folder; its type is found from its content. */
#ifndef SANGTAO_ATTACH_H
#define SANGTAO_ATTACH_H

#include <stddef.h>
#include <stdint.h>
#include "base/actor.h"
#include "base/err.h"
#include "store/db.h"
#include "fielddef.h"

/* The kinds (plan|minutes|ballots|…) with their labels, as a field: the
 * CLI's --kind, the screens' choice and proposal show read it. */
const fielddef *attach_kind_field(void);

/* The type of a file from its first bytes (all of it for the zip formats):
 * PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, DOC.  ST_OK with the MIME type
 * and a short name, or ST_EINVAL with a message (executables, macros,
 * unknown types). */
int attach_sniff(const unsigned char *p, size_t n, const char **mime, const char **name,
                 st_err *e);

/* The short name of a stored MIME type (PDF, DOCX…); the type itself when
 * it is not one of the known. */
const char *attach_type_name(const char *mime);

/* "12 byte", "120 KB", "1,5 MB" (Vietnamese decimal comma) into out. */
void attach_size_text(long long size, char out[32]);

/* Attach the file at path (on this computer, read with the user's rights)
 * to the proposal code: kind "" is "other", title may be "".  Roles that
 * write to proposals only, in scope; one event "attach".  The new id into
 * *id (may be NULL). */
int attach_add(st_db *db, const st_actor *who, const char *code, const char *path,
               const char *kind, const char *title, int64_t *id, st_err *e);

typedef struct attach_row {
    int64_t id;
    const char *kind, *title, *filename, *mime, *sha256, *created_at, *username;
    long long size;
} attach_row;
typedef int (*attach_cb)(const attach_row *r, void *ud);   /* non-zero stops */

/* The attachments of a proposal (in scope), oldest first. */
int attach_list(st_db *db, const st_actor *who, const char *code, attach_cb cb, void *ud,
                st_err *e);

/* Write attachment id to out_path, a new file (never overwritten, never
 * through a link) created with the user's rights, mode 0600, after checking
 * its SHA-256.  Outside the user's scope: ST_ENOTFOUND.  Its size and
 * stored file name into *size and filename (either may be NULL). */
int attach_get(st_db *db, const st_actor *who, int64_t id, const char *out_path,
               long long *size, char filename[256], st_err *e);

#endif
