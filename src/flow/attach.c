/* Attachments: adding a file the user names, listing, exporting (attach.h).
 * The type check is in attach_type.c. */
#include "attach.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db_internal.h"
#include "base/priv.h"
#include "base/sbuf.h"
#include "text/text.h"
#include "events.h"
#include "proposal_head.h"
#include "workflow.h"

static const fielddef kind_field = {
    "kind", "Loại tài liệu", FT_ENUM, 0,
    "plan|minutes|ballots|party_opinion|decision|result_report|evaluation_minutes|other",
    "Kế hoạch đề xuất đã ký|Biên bản họp|Phiếu biểu quyết|Ý kiến bằng văn bản của cấp ủy|"
    "Quyết định|Báo cáo kết quả|Biên bản đánh giá|Tài liệu khác", 0, 0};
static const fielddef title_field = {"title", "Tiêu đề tài liệu", FT_TEXT, 0, NULL, NULL, 0, 0};

const fielddef *attach_kind_field(void) { return &kind_field; }

void attach_size_text(long long size, char out[32])
{
    if (size < 1024) { snprintf(out, 32, "%lld byte", size); return; }
    double v = (double)size / 1024.0;
    const char *unit = "KB";
    if (v >= 1024.0) { v /= 1024.0; unit = "MB"; }
    if (v >= 10.0) { snprintf(out, 32, "%.0f %s", v, unit); return; }
    snprintf(out, 32, "%.1f %s", v, unit);
    char *dot = strchr(out, '.');
    if (dot) *dot = ',';
}

#define WRITERS (ROLE_CLERK | ROLE_REVIEWER | ROLE_HEAD | ROLE_MONITOR | ROLE_ADMIN)

/* ---- reading the user's file -------------------------------------------- */

/* Is path (resolved, with the user's rights) inside the folder of the
 * database, or the database file itself under another name? */
static int in_db_folder(st_db *db, const char *path, int fd)
{
    const char *dbfile = sqlite3_db_filename(db_h(db), "main");
    if (!dbfile || !*dbfile) return 0;
    char dir[PATH_MAX], dbdir[PATH_MAX], real[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", dbfile);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    struct stat a, b;
    if (fstat(fd, &a) == 0 && stat(dbfile, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return 1;
    if (!slash || !realpath(*dir ? dir : "/", dbdir) || !realpath(path, real)) return 0;
    size_t n = strlen(dbdir);
    return strncmp(real, dbdir, n) == 0 && (real[n] == '/' || real[n] == '\0' || n == 1);
}

/* The whole file into *buf (malloc'd), read with the user's own rights:
 * a plain file, not empty, not over the limit, not the database's. */
static int read_user_file(st_db *db, const char *path, long max_mb, unsigned char **buf,
                          size_t *len, st_err *e)
{
    *buf = NULL;
    *len = 0;
    if (!path || !*path) return err_set(e, ST_EINVAL, "Thiếu đường dẫn tệp cần đính kèm");
    priv_user_begin();
    int rc = ST_OK;
    int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    struct stat sb;
    if (fd < 0) {
        rc = err_set(e, errno == ENOENT ? ST_ENOTFOUND : ST_EIO, "%.300s: không đọc được tệp (%s)",
                     path, strerror(errno));
    } else if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        rc = err_set(e, ST_EINVAL, "%.300s: không phải tệp thông thường", path);
    } else if (in_db_folder(db, path, fd)) {
        rc = err_set(e, ST_EPERM, "%.300s: không được đính kèm tệp trong thư mục cơ sở dữ liệu",
                     path);
    } else if (sb.st_size == 0) {
        rc = err_set(e, ST_EINVAL, "%.300s: tệp rỗng, không có gì để đính kèm", path);
    } else if (sb.st_size > (off_t)max_mb * 1024 * 1024) {
        rc = err_set(e, ST_EINVAL, "%.300s: tệp %.1f MB, vượt giới hạn %ld MB "
                     "(attachments.max_mb)", path, (double)sb.st_size / (1024.0 * 1024.0), max_mb);
    } else if (!(*buf = malloc((size_t)sb.st_size + 1))) {
        rc = err_set(e, ST_ENOMEM, "hết bộ nhớ");
    } else {
        size_t want = (size_t)sb.st_size + 1;   /* one more: a file that grew is seen */
        while (*len < want) {
            ssize_t r = read(fd, *buf + *len, want - *len);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) { rc = err_set(e, ST_EIO, "%.300s: lỗi đọc (%s)", path, strerror(errno)); break; }
            if (r == 0) break;
            *len += (size_t)r;
        }
        if (!rc && *len != (size_t)sb.st_size)
            rc = err_set(e, ST_EIO, "%.300s: tệp thay đổi trong khi đọc; hãy thử lại", path);
    }
    if (fd >= 0) close(fd);
    priv_user_end();
    if (rc) { free(*buf); *buf = NULL; *len = 0; }
    return rc;
}

static void sha256_hex(const unsigned char *p, size_t n, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, p, n);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* The file's own name, for the record: valid UTF-8 without control
 * characters, else a neutral name with the type's extension. */
static void stored_name(const char *path, const char *type, char out[256])
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int ok = *base && strlen(base) < 256 && text_utf8_valid(base, strlen(base), NULL);
    for (const unsigned char *q = (const unsigned char *)base; ok && *q; q++)
        if (*q < 0x20 || *q == 0x7F) ok = 0;
    if (ok) snprintf(out, 256, "%s", base);
    else snprintf(out, 256, "tai-lieu.%s", type);
    if (!ok)
        for (char *q = out; *q; q++)
            if (*q >= 'A' && *q <= 'Z') *q = (char)(*q - 'A' + 'a');
}

/* ---- attach ------------------------------------------------------------ */

static int insert_row(st_db *db, const st_actor *who, const proposal_head *h, const char *kind,
                      const char *title, const char *fname, const char *mime,
                      const unsigned char *buf, size_t len, const char *hex, int64_t *id,
                      st_err *e)
{
    sbuf js, cm;
    sbuf_init(&js);
    sbuf_init(&cm);
    char klabel[160];
    sbuf_add(&js, "{\"kind\":");
    sbuf_json_str(&js, kind);
    sbuf_add(&js, ",\"title\":");
    sbuf_json_str(&js, title);
    sbuf_add(&js, ",\"filename\":");
    sbuf_json_str(&js, fname);
    sbuf_addf(&js, ",\"size\":%zu,\"sha256\":\"%s\"}", len, hex);
    sbuf_addf(&cm, "Đính kèm %s: %s", field_choice_label(&kind_field, kind, klabel, sizeof klabel),
              *title ? title : fname);
    int64_t ev = 0, newid = db_new_id(db, "attachments");
    int rc = js.oom || cm.oom ? err_set(e, ST_ENOMEM, "hết bộ nhớ")
             : event_write(db, who, h->id, "attach", wf_state_name(h->state), NULL,
                           sbuf_str(&cm), "", NULL, sbuf_str(&js), &ev, e);
    sbuf_free(&js);
    sbuf_free(&cm);
    if (rc) return rc;
    sqlite3_stmt *st;
    if ((rc = db_prepare(db, "INSERT INTO attachments(id, proposal_id, event_id, kind, title, "
                         "filename, mime, size, sha256, content, created_by, created_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", &st, e)))
        return rc;
    char now[32];
    db_now(now);
    sqlite3_bind_int64(st, 1, newid);
    sqlite3_bind_int64(st, 2, h->id);
    sqlite3_bind_int64(st, 3, ev);
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, title, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 6, fname, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, mime, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)len);
    sqlite3_bind_text(st, 9, hex, -1, SQLITE_STATIC);
    sqlite3_bind_blob64(st, 10, buf, (sqlite3_uint64)len, SQLITE_STATIC);
    if (who->id) sqlite3_bind_int64(st, 11, who->id);
    else sqlite3_bind_null(st, 11);
    sqlite3_bind_text(st, 12, now, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi tệp đính kèm");
    sqlite3_finalize(st);
    if (!rc && id) *id = newid;
    return rc;
}

int attach_add(st_db *db, const st_actor *who, const char *code, const char *path,
               const char *kind, const char *title, int64_t *id, st_err *e)
{
    if (!(who->roles & WRITERS)) {
        char have[128];
        roles_format(who->roles, have, sizeof have);
        return err_set(e, ST_EPERM, "Vai trò của bạn (%s) không được đính kèm tệp; cần vai trò: "
                       "clerk, reviewer, head hoặc monitor", have);
    }
    char *k = NULL, *t = NULL;
    int rc = field_normalize(&kind_field, kind, &k, e);
    if (!rc) rc = field_normalize(&title_field, title, &t, e);
    proposal_head h;
    /* the scope first: no file is read for a proposal the user cannot see */
    if (!rc) rc = proposal_get_head(db, who, code, &h, e);
    unsigned char *buf = NULL;
    size_t len = 0;
    const char *mime = NULL, *type = NULL;
    if (!rc) rc = read_user_file(db, path, config_int(db_config(db), "attachments.max_mb"),
                                 &buf, &len, e);
    if (!rc) rc = attach_sniff(buf, len, &mime, &type, e);
    if (!rc) {
        char hex[65], fname[256];
        sha256_hex(buf, len, hex);
        stored_name(path, type, fname);
        if ((rc = db_begin(db, e)) == ST_OK) {
            /* read again inside the transaction: it may have moved meanwhile */
            rc = proposal_get_head(db, who, code, &h, e);
            if (!rc) rc = insert_row(db, who, &h, *k ? k : "other", t, fname, mime, buf, len,
                                     hex, id, e);
            if (!rc) rc = db_commit(db, e);
            else db_rollback(db);
        }
    }
    free(buf);
    free(k);
    free(t);
    return rc;
}

/* ---- list and export ------------------------------------------------------ */

int attach_list(st_db *db, const st_actor *who, const char *code, attach_cb cb, void *ud,
                st_err *e)
{
    proposal_head h;
    int rc = proposal_get_head(db, who, code, &h, e);
    sqlite3_stmt *st;
    if (rc || (rc = db_prepare(db, "SELECT a.id, a.kind, a.title, a.filename, a.mime, a.sha256, "
                               "a.created_at, coalesce(ev.username, ''), a.size FROM attachments a "
                               "LEFT JOIN events ev ON ev.id = a.event_id WHERE a.proposal_id = ?1 "
                               "AND a.deleted = 0 ORDER BY a.created_at, a.id", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, h.id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        attach_row r = {
            .id = sqlite3_column_int64(st, 0), .kind = db_col_text(st, 1),
            .title = db_col_text(st, 2), .filename = db_col_text(st, 3),
            .mime = db_col_text(st, 4), .sha256 = db_col_text(st, 5),
            .created_at = db_col_text(st, 6), .username = db_col_text(st, 7),
            .size = sqlite3_column_int64(st, 8),
        };
        if (cb && cb(&r, ud)) { rc = SQLITE_DONE; break; }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ST_OK : db_fail(db, e, "đọc tệp đính kèm");
}

/* Create out_path for the user and write n bytes; nothing is left behind on
 * failure. */
static int write_user_file(const char *out_path, const void *p, size_t n, st_err *e)
{
    priv_user_begin();
    int rc = priv_create_file(out_path, 0600, (gid_t)-1, e);
    int created = rc == ST_OK;
    int fd = rc ? -1 : open(out_path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    if (!rc && fd < 0)
        rc = err_set(e, ST_EIO, "%.300s: không mở được để ghi (%s)", out_path, strerror(errno));
    for (size_t done = 0; !rc && done < n;) {
        ssize_t w = write(fd, (const char *)p + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) rc = err_set(e, ST_EIO, "%.300s: lỗi ghi (%s)", out_path, strerror(errno));
        else done += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0 && !rc)
        rc = err_set(e, ST_EIO, "%.300s: lỗi ghi (%s)", out_path, strerror(errno));
    if (rc && created) unlink(out_path);
    priv_user_end();
    return rc;
}

int attach_get(st_db *db, const st_actor *who, int64_t id, const char *out_path,
               long long *size, char filename[256], st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_prepare(db, "SELECT p.employing_unit_id, p.competent_unit_id, a.sha256, a.content, "
                        "a.filename FROM attachments a JOIN proposals p ON p.id = a.proposal_id "
                        "WHERE a.id = ?1 AND a.deleted = 0 AND p.deleted = 0", &st, e);
    if (rc) return rc;
    sqlite3_bind_int64(st, 1, id);
    /* Outside the scope reads exactly like a missing id. */
    if (sqlite3_step(st) != SQLITE_ROW ||
        !proposal_in_scope(db, who, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1))) {
        sqlite3_finalize(st);
        return err_set(e, ST_ENOTFOUND, "Không tìm thấy tệp đính kèm số %lld", (long long)id);
    }
    const void *p = sqlite3_column_blob(st, 3);
    size_t n = (size_t)sqlite3_column_bytes(st, 3);
    char hex[65];
    sha256_hex(p, n, hex);
    if (strcmp(hex, db_col_text(st, 2)) != 0)
        rc = err_set(e, ST_EDB, "Tệp đính kèm số %lld không khớp mã SHA-256 đã lưu: dữ liệu bị "
                     "hỏng; không xuất", (long long)id);
    else rc = write_user_file(out_path, p, n, e);
    if (!rc && size) *size = (long long)n;
    if (!rc && filename) snprintf(filename, 256, "%s", db_col_text(st, 4));
    sqlite3_finalize(st);
    return rc;
}
