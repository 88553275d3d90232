/* Attachments (issue 13, "Documents offices file with every step"): the
 * type found from the content, the size limit, the SHA-256 kept and checked
 * on export, files read with the user's rights and never from the database
 * folder, export to a new file only, scope and roles as for other writes,
 * and an event for each attachment. */
#include "testdb.h"

#include <sys/stat.h>

#include "store/db_internal.h"
#include "flow/attach.h"
#include "flow/proposal.h"
#include "flow/units.h"
#include "flow/users.h"

static const char units_csv[] =
    "code,name,parent_code,level\n"
    "P,Tỉnh ủy,,tinh\n"
    "P-A,Huyện ủy A,P,huyen\n"
    "P-B,Huyện ủy B,P,huyen\n";

/* A signed plan as a scanner writes it (tiny, but a PDF by its content);
 * its SHA-256 computed by sha256sum. */
static const char pdf[] = "%PDF-1.4\n%Tờ trình đề xuất\n%%EOF\n";
static const char pdf_sha[] = "72ab2ae140e3ecd8974fafe4aea6ad73c1ac7d9406566bde0975c9dd02663cf4";

typedef struct fixture {
    tu_env env;
    char *files;          /* a folder outside the database's */
    st_actor clerk, clerk_b, viewer;
    char code[32];
} fixture;

static void add_user(fixture *f, const char *name, const char *roles, const char *scope,
                     st_actor *out)
{
    st_err e;
    unsigned mask;
    err_clear(&e);
    assert_int_equal(roles_parse(roles, &mask, &e), ST_OK);
    if (user_add(f->env.db, NULL, name, "Đỗ Văn Chung", mask, scope, "matkhau-123", &e) != ST_OK)
        fail_msg("user_add %s: %s", name, e.msg);
    assert_int_equal(user_actor(f->env.db, name, out, &e), ST_OK);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    setenv("SANGTAO_TODAY", "2026-03-02", 1);
    tu_env_open(&f->env);
    f->files = tu_tmpdir();
    sqlite3_exec(db_h(f->env.db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    st_err e;
    int n = 0;
    err_clear(&e);
    if (unit_import_text(f->env.db, NULL, units_csv, "units.csv", &n, &e) != ST_OK)
        fail_msg("units: %s", e.msg);
    add_user(f, "clerk", "clerk", "P-A", &f->clerk);
    add_user(f, "clerkb", "clerk", "P-B", &f->clerk_b);
    add_user(f, "xem", "viewer", "P", &f->viewer);
    static const st_kv kv[] = {{"title", "Số hóa hồ sơ một cửa"}, {"employing_unit", "P-A"},
                               {"lead", "Trần Thị Bình"}};
    if (proposal_create(f->env.db, &f->clerk, kv, 3, f->code, &e)) fail_msg("create: %s", e.msg);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_env_close(&f->env);
    tu_rmdir(&f->files);
    free(f);
    return 0;
}

/* Write n bytes to the files folder; malloc'd path. */
static char *put(fixture *f, const char *name, const void *p, size_t n)
{
    char *path = malloc(strlen(f->files) + strlen(name) + 2);
    assert_non_null(path);
    sprintf(path, "%s/%s", f->files, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(p, 1, n, fp), n);
    fclose(fp);
    return path;
}

static long long q(fixture *f, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_h(f->env.db), sql, -1, &st, NULL), SQLITE_OK);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

static int sniff(const void *p, size_t n, const char **name, st_err *e)
{
    const char *mime;
    err_clear(e);
    return attach_sniff(p, n, &mime, name, e);
}

/* A minimal zip: one local file header naming each of names. */
static size_t zip(unsigned char *buf, size_t cap, const char *const *names, int n)
{
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        size_t m = strlen(names[i]);
        assert_true(len + 30 + m <= cap);
        memset(buf + len, 0, 30);
        memcpy(buf + len, "PK\3\4", 4);
        buf[len + 26] = (unsigned char)m;
        memcpy(buf + len + 30, names[i], m);
        len += 30 + m;
    }
    return len;
}

/* The type comes from the content, never from the name: the accepted
 * formats are known, programs, macros and unknown content are refused. */
static void test_type_by_content(void **state)
{
    (void)state;
    const char *name;
    st_err e;
    assert_int_equal(sniff(pdf, sizeof pdf - 1, &name, &e), ST_OK);
    assert_string_equal(name, "PDF");
    assert_int_equal(sniff("\xFF\xD8\xFF\xE0", 4, &name, &e), ST_OK);
    assert_string_equal(name, "JPEG");
    assert_int_equal(sniff("\x89PNG\r\n\x1A\n\0", 9, &name, &e), ST_OK);
    assert_string_equal(name, "PNG");
    assert_int_equal(sniff("II*\0\x08", 5, &name, &e), ST_OK);
    assert_string_equal(name, "TIFF");
    assert_int_equal(sniff("MM\0*\0", 5, &name, &e), ST_OK);
    assert_string_equal(name, "TIFF");
    assert_int_equal(sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, &name, &e), ST_OK);
    assert_string_equal(name, "DOC");
    unsigned char z[1024];
    static const char *const docx[] = {"[Content_Types].xml", "word/document.xml"};
    assert_int_equal(sniff(z, zip(z, sizeof z, docx, 2), &name, &e), ST_OK);
    assert_string_equal(name, "DOCX");
    static const char *const xlsx[] = {"[Content_Types].xml", "xl/workbook.xml"};
    assert_int_equal(sniff(z, zip(z, sizeof z, xlsx, 2), &name, &e), ST_OK);
    assert_string_equal(name, "XLSX");
    /* ODT: its first entry "mimetype", stored, with the type as content */
    static const char odt_type[] = "application/vnd.oasis.opendocument.text";
    size_t len = zip(z, sizeof z, (const char *const[]){"mimetype"}, 1);
    memcpy(z + len, odt_type, sizeof odt_type - 1);
    len += sizeof odt_type - 1;
    len += zip(z + len, sizeof z - len, (const char *const[]){"content.xml"}, 1);
    assert_int_equal(sniff(z, len, &name, &e), ST_OK);
    assert_string_equal(name, "ODT");
    /* refused, each with its reason */
    static const char *const macro[] = {"[Content_Types].xml", "word/document.xml",
                                        "word/vbaProject.bin"};
    assert_int_equal(sniff(z, zip(z, sizeof z, macro, 3), &name, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "macro"));
    static const char *const other_zip[] = {"setup.exe"};
    assert_int_equal(sniff(z, zip(z, sizeof z, other_zip, 1), &name, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "ZIP"));
    assert_int_equal(sniff("\x7F" "ELF\2\1\1", 7, &name, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "ELF"));
    assert_int_equal(sniff("MZ\x90\0", 4, &name, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "Windows"));
    assert_int_equal(sniff("#!/bin/sh\nrm -rf /\n", 19, &name, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "script"));
    assert_int_equal(sniff("Biên bản họp\n", 14, &name, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "Không nhận ra loại tệp"));
    assert_non_null(strstr(e.msg, "PDF, JPEG, PNG, TIFF, DOCX, XLSX, ODT, DOC"));
    assert_int_equal(sniff("", 0, &name, &e), ST_EINVAL);
}

struct seen { int n; char kind[32], title[128], sha[65], file[128], mime[64]; long long size; };

static int on_row(const attach_row *r, void *ud)
{
    struct seen *s = ud;
    s->n++;
    snprintf(s->kind, sizeof s->kind, "%s", r->kind);
    snprintf(s->title, sizeof s->title, "%s", r->title);
    snprintf(s->sha, sizeof s->sha, "%s", r->sha256);
    snprintf(s->file, sizeof s->file, "%s", r->filename);
    snprintf(s->mime, sizeof s->mime, "%s", r->mime);
    s->size = r->size;
    return 0;
}

/* Attach, list, export: the bytes come back identical, the SHA-256 is the
 * one sha256sum gives, one event records it, and the export never
 * overwrites a file (nor follows a link). */
static void test_attach_list_get(void **state)
{
    fixture *f = *state;
    char *path = put(f, "Tờ trình số 12.pdf", pdf, sizeof pdf - 1);
    st_err e;
    err_clear(&e);
    int64_t id = 0;
    if (attach_add(f->env.db, &f->clerk, f->code, path, "plan", "Kế hoạch đề xuất đã ký", &id, &e))
        fail_msg("attach: %s", e.msg);
    assert_true(id > 0);
    struct seen s = {0};
    assert_int_equal(attach_list(f->env.db, &f->clerk, f->code, on_row, &s, &e), ST_OK);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.kind, "plan");
    assert_string_equal(s.title, "Kế hoạch đề xuất đã ký");
    assert_string_equal(s.sha, pdf_sha);
    assert_string_equal(s.file, "Tờ trình số 12.pdf");
    assert_string_equal(s.mime, "application/pdf");
    assert_int_equal(s.size, sizeof pdf - 1);
    assert_int_equal(q(f, "SELECT count(*) FROM events WHERE action = 'attach' AND comment LIKE "
                          "'%Kế hoạch đề xuất đã ký%'"), 1);
    /* export */
    char out[600];
    snprintf(out, sizeof out, "%s/ban-sao.pdf", f->files);
    long long size = 0;
    char fname[256];
    assert_int_equal(attach_get(f->env.db, &f->clerk, id, out, &size, fname, &e), ST_OK);
    assert_int_equal(size, sizeof pdf - 1);
    assert_string_equal(fname, "Tờ trình số 12.pdf");
    FILE *fp = fopen(out, "rb");
    assert_non_null(fp);
    char back[256] = {0};
    assert_int_equal(fread(back, 1, sizeof back, fp), sizeof pdf - 1);
    fclose(fp);
    assert_memory_equal(back, pdf, sizeof pdf - 1);
    struct stat sb;
    assert_int_equal(stat(out, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    /* never overwritten, never through a link */
    err_clear(&e);
    assert_int_equal(attach_get(f->env.db, &f->clerk, id, out, NULL, NULL, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "không ghi đè"));
    char link[600];
    snprintf(link, sizeof link, "%s/lien-ket.pdf", f->files);
    assert_int_equal(symlink("/tmp/sangtao-khong-co", link), 0);
    err_clear(&e);
    assert_int_equal(attach_get(f->env.db, &f->clerk, id, link, NULL, NULL, &e), ST_EINVAL);
    assert_int_equal(access("/tmp/sangtao-khong-co", F_OK), -1);
    /* a stored copy that no longer matches its SHA-256 is not exported */
    char sql[200];
    snprintf(sql, sizeof sql, "UPDATE attachments SET content = CAST(replace(CAST(content AS "
             "TEXT), '1.4', '1.7') AS BLOB) WHERE id = %lld", (long long)id);
    assert_int_equal(sqlite3_exec(db_h(f->env.db), sql, NULL, NULL, NULL), SQLITE_OK);
    snprintf(out, sizeof out, "%s/hong.pdf", f->files);
    err_clear(&e);
    assert_int_equal(attach_get(f->env.db, &f->clerk, id, out, NULL, NULL, &e), ST_EDB);
    assert_non_null(strstr(e.msg, "SHA-256"));
    assert_int_equal(access(out, F_OK), -1);
    free(path);
}

/* attachments.max_mb: a file of exactly the limit is accepted, one byte
 * more is refused with both sizes named; empty files and folders too. */
static void test_size_limit_and_plain_files(void **state)
{
    fixture *f = *state;
    st_err e;
    err_clear(&e);
    assert_int_equal(config_set(f->env.cfg, "attachments.max_mb", "1", &e), ST_OK);
    size_t n = 1024 * 1024;
    char *big = calloc(1, n + 1);
    assert_non_null(big);
    memcpy(big, "%PDF-1.5\n", 9);
    char *ok = put(f, "vua.pdf", big, n), *over = put(f, "qua.pdf", big, n + 1);
    free(big);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, ok, "", "", NULL, &e), ST_OK);
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, over, "", "", NULL, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "vượt giới hạn 1 MB"));
    assert_non_null(strstr(e.msg, "attachments.max_mb"));
    assert_int_equal(q(f, "SELECT count(*) FROM attachments WHERE kind = 'other'"), 1);
    char *empty = put(f, "rong.pdf", "", 0);
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, empty, "", "", NULL, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "rỗng"));
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, f->files, "", "", NULL, &e),
                     ST_EINVAL);
    assert_non_null(strstr(e.msg, "không phải tệp thông thường"));
    err_clear(&e);
    char missing[600];
    snprintf(missing, sizeof missing, "%s/khong-co.pdf", f->files);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, missing, "", "", NULL, &e),
                     ST_ENOTFOUND);
    /* an executable renamed .pdf is still an executable */
    char *exe = put(f, "bao-cao.pdf", "\x7F" "ELF\2\1\1\0", 8);
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, exe, "", "", NULL, &e), ST_EINVAL);
    assert_non_null(strstr(e.msg, "ELF"));
    assert_int_equal(q(f, "SELECT count(*) FROM attachments"), 1);
    free(ok); free(over); free(empty); free(exe);
}

/* Nothing in the database's folder is attached: neither the database
 * itself, nor another file there, nor the database through a link. */
static void test_never_from_database_folder(void **state)
{
    fixture *f = *state;
    st_err e;
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, f->env.path, "", "", NULL, &e),
                     ST_EPERM);
    assert_non_null(strstr(e.msg, "thư mục cơ sở dữ liệu"));
    char *beside = tu_write(f->env.dir, "ghi-chu.pdf", pdf);
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, beside, "", "", NULL, &e), ST_EPERM);
    char link[600];
    snprintf(link, sizeof link, "%s/csdl.pdf", f->files);
    assert_int_equal(symlink(f->env.path, link), 0);
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, link, "", "", NULL, &e), ST_EPERM);
    assert_int_equal(q(f, "SELECT count(*) FROM attachments"), 0);
    free(beside);
}

/* Scope and roles as for other writes: another district sees neither the
 * proposal nor its files (as if missing), a viewer may not attach, a bad
 * kind is refused naming the field. */
static void test_scope_roles_kind(void **state)
{
    fixture *f = *state;
    char *path = put(f, "bien-ban.pdf", pdf, sizeof pdf - 1);
    st_err e;
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk_b, f->code, path, "minutes", "", NULL, &e),
                     ST_ENOTFOUND);
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->viewer, f->code, path, "minutes", "", NULL, &e),
                     ST_EPERM);
    assert_non_null(strstr(e.msg, "viewer"));
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, path, "bien_ban", "", NULL, &e),
                     ST_EINVAL);
    assert_string_equal(e.field, "kind");
    int64_t id = 0;
    err_clear(&e);
    assert_int_equal(attach_add(f->env.db, &f->clerk, f->code, path, "minutes", "", &id, &e), ST_OK);
    char out[600];
    snprintf(out, sizeof out, "%s/ra.pdf", f->files);
    err_clear(&e);
    assert_int_equal(attach_get(f->env.db, &f->clerk_b, id, out, NULL, NULL, &e), ST_ENOTFOUND);
    assert_int_equal(access(out, F_OK), -1);
    struct seen s = {0};
    err_clear(&e);
    assert_int_equal(attach_list(f->env.db, &f->clerk_b, f->code, on_row, &s, &e), ST_ENOTFOUND);
    assert_int_equal(s.n, 0);
    /* the viewer of the province reads it */
    err_clear(&e);
    assert_int_equal(attach_get(f->env.db, &f->viewer, id, out, NULL, NULL, &e), ST_OK);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_by_content),
        cmocka_unit_test_setup_teardown(test_attach_list_get, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_limit_and_plain_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never_from_database_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scope_roles_kind, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
