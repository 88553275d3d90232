/* The register of document numbers: see docreg.h. */
#include "docreg.h"

#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "base/workdays.h"
#include "workflow.h"

#define SHAPE "cần dạng số/ký hiệu, ví dụ 12/QĐ-UBND hoặc 05/2024/QĐ-UBND (văn bản của " \
              "Đảng: 124-QĐ/TU)"

/* A letter or digit of a symbol: ASCII, or any character beyond ASCII
 * (Đ, Ư… of the Vietnamese abbreviations). */
static int sym_char(unsigned char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch >= 0x80;
}

/* Segments of the symbol split by the separators in seps: at least two,
 * none empty, none starting with a digit.  party: at least one '/'. */
static int symbol_ok(const char *s, int party)
{
    int segs = 0, slash = 0;
    const char *p = s;
    for (;;) {
        const char *start = p;
        while (*p && sym_char((unsigned char)*p)) p++;
        if (p == start || (*start >= '0' && *start <= '9')) return 0;
        segs++;
        if (!*p) break;
        if (*p == '/') {
            if (!party) return 0;
            slash = 1;
        } else if (*p != '-') {
            return 0;
        }
        p++;
    }
    return segs >= 2 && (!party || slash);
}

int docreg_parse(const char *doc_no, docno *out, st_err *e)
{
    memset(out, 0, sizeof *out);
    const char *p = doc_no ? doc_no : "";
    long n = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 7) n = n * 10 + (*p++ - '0'), digits++;
    int party = *p == '-';
    int ok = digits > 0 && digits < 7 && n > 0 && (*p == '/' || party);
    if (ok) {
        p++;
        if (!party && strlen(p) > 5 && p[4] == '/' && strspn(p, "0123456789") == 4) {
            out->year = atoi(p);
            p += 5;
        }
        ok = strlen(p) < sizeof out->symbol && symbol_ok(p, party);
    }
    if (!ok)
        return err_field(e, ST_EINVAL, "doc_no", "Số văn bản \"%.80s\" không đúng thể thức: %s",
                         doc_no ? doc_no : "", SHAPE);
    out->number = n;
    snprintf(out->symbol, sizeof out->symbol, "%s", p);
    return ST_OK;
}

const char *docreg_sign_prefix(const char *sign_form)
{
    if (!sign_form) return "";
    if (strcmp(sign_form, "KT") == 0) return "KT.";
    if (strcmp(sign_form, "TM") == 0) return "TM.";
    if (strcmp(sign_form, "TL") == 0) return "TL.";
    return "";
}

static void unit_name(st_db *db, int64_t id, char *buf, size_t n)
{
    snprintf(buf, n, "%s", id ? "" : "cơ quan cấp trung ương");
    sqlite3_stmt *st;
    if (!id || sqlite3_prepare_v2(db_h(db), "SELECT name FROM units WHERE id = ?1", -1,
                                  &st, NULL) != SQLITE_OK)
        return;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(buf, n, "%s", db_col_text(st, 0));
    sqlite3_finalize(st);
}

/* The row already holding the number, unless it is the same reward
 * decision naming another person.  1 with its facts, 0 none, <0 error. */
static int find_repeat(st_db *db, const docreg_entry *d, int64_t issuer, int year,
                       const docno *k, char *code, char *action, char *date, st_err *e)
{
    sqlite3_stmt *st;
    int rc = db_stmt(db, "SELECT coalesce(p.code, ''), r.action, r.doc_date FROM doc_register r "
                        "LEFT JOIN proposals p ON p.id = r.proposal_id WHERE r.deleted = 0 AND "
                        "r.issuer_unit_id IS ?1 AND r.year = ?2 AND r.number = ?3 AND "
                        "r.symbol = ?4 ORDER BY r.doc_date, r.id", &st, e);
    if (rc) return -1;
    if (issuer) sqlite3_bind_int64(st, 1, issuer);
    else sqlite3_bind_null(st, 1);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int64(st, 3, k->number);
    sqlite3_bind_text(st, 4, k->symbol, -1, SQLITE_STATIC);
    int found = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *act = db_col_text(st, 1), *dd = db_col_text(st, 2);
        if (strcmp(act, "commend") == 0 && strcmp(d->action, "commend") == 0 &&
            strcmp(dd, d->doc_date) == 0)
            continue;   /* one reward decision, several people */
        snprintf(code, 32, "%s", db_col_text(st, 0));
        snprintf(action, 64, "%s", act);
        snprintf(date, 11, "%s", dd);
        found = 1;
        break;
    }
    int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
    db_release(db, st);
    if (bad) return db_fail(db, e, "đọc sổ văn bản"), -1;
    return found;
}

int docreg_add(st_db *db, const docreg_entry *d, st_err *e)
{
    if (!d->doc_no || !*d->doc_no) return ST_OK;
    docno k;
    int rc = docreg_parse(d->doc_no, &k, e);
    if (rc) return rc;
    st_day day;
    if (!d->doc_date || date_parse(d->doc_date, &day, NULL) != ST_OK)
        return err_field(e, ST_EINVAL, "doc_date", "Văn bản số %s cần ngày ký (doc_date)",
                         d->doc_no);
    char iso[11], vn[11];
    date_iso(day, iso);
    date_vn(day, vn);
    int year = atoi(iso);
    if (k.year && k.year != year)
        return err_field(e, ST_EINVAL, "doc_no", "Số văn bản %s ghi năm %d nhưng ngày ký là %s",
                         d->doc_no, k.year, vn);
    int central = d->issuer_level && strcmp(d->issuer_level, "central") == 0;
    int64_t issuer = d->issuing_unit ? d->issuing_unit : central ? 0 : d->competent_unit;
    docreg_entry dd = *d;
    dd.doc_date = iso;
    char code[32], action[64], date[11];
    int found = find_repeat(db, &dd, issuer, year, &k, code, action, date, e);
    if (found < 0) return e->code ? e->code : ST_EDB;
    if (found) {
        char uname[256], dvn[11] = "";
        st_day od;
        unit_name(db, issuer, uname, sizeof uname);
        if (date_parse(date, &od, NULL) == ST_OK) date_vn(od, dvn);
        const wf_action *a = wf_action_find(action);
        return err_field(e, ST_EINVAL, "doc_no", "Số văn bản %s năm %d của %s đã cấp cho đề xuất "
                         "%s (%s, ngày %s); mỗi số chỉ dùng một lần trong năm",
                         d->doc_no, year, uname, *code ? code : "(không rõ)",
                         a ? wf_action_label(a) : action, dvn);
    }
    sqlite3_stmt *st;
    if ((rc = db_stmt(db, "INSERT INTO doc_register(id, proposal_id, event_id, action, "
                         "issuer_unit_id, issuer_level, year, number, symbol, doc_no, doc_date, "
                         "signer, sign_form) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                         "?11, ?12, ?13)", &st, e)))
        return rc;
    sqlite3_bind_int64(st, 1, db_new_id(db, "doc_register"));
    sqlite3_bind_int64(st, 2, d->proposal_id);
    sqlite3_bind_int64(st, 3, d->event_id);
    sqlite3_bind_text(st, 4, d->action, -1, SQLITE_STATIC);
    if (issuer) sqlite3_bind_int64(st, 5, issuer);
    else sqlite3_bind_null(st, 5);
    sqlite3_bind_text(st, 6, d->issuer_level ? d->issuer_level : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, year);
    sqlite3_bind_int64(st, 8, k.number);
    sqlite3_bind_text(st, 9, k.symbol, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 10, d->doc_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, iso, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, d->signer ? d->signer : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 13, d->sign_form && *d->sign_form ? d->sign_form : "direct", -1,
                      SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(db, e, "ghi sổ văn bản");
    db_release(db, st);
    return rc;
}

/* The decisions stored before the register (or arriving from an older
 * program) whose number is not in the official shape: left out of the
 * register by migration 10, so no repeat of them is ever seen.  One line
 * each; how many, or -1. */
static int check_unregistered(st_db *db, FILE *out, st_err *e)
{
    sqlite3_stmt *st;
    if (db_prepare(db, "SELECT p.code, ev.action, ev.doc_no, coalesce(ev.doc_date, '') "
                   "FROM events ev JOIN proposals p ON p.id = ev.proposal_id "
                   "WHERE p.deleted = 0 AND ev.action IN ('approve', 'reject', 'adjust', "
                   "'evaluate', 'commend') AND coalesce(ev.doc_no, '') <> '' AND NOT EXISTS "
                   "(SELECT 1 FROM doc_register r WHERE r.event_id = ev.id) "
                   "ORDER BY p.code, ev.at, ev.id", &st, e))
        return -1;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        docno k;
        st_err pe;
        err_clear(&pe);
        if (docreg_parse(db_col_text(st, 2), &k, &pe) == ST_OK) continue;
        const wf_action *a = wf_action_find(db_col_text(st, 1));
        char vn[11] = "";
        st_day d;
        if (date_parse(db_col_text(st, 3), &d, NULL) == ST_OK) date_vn(d, vn);
        fprintf(out, "doc_register: %s: số văn bản \"%s\" (%s%s%s) không đúng thể thức, chưa "
                "vào sổ văn bản\n", db_col_text(st, 0), db_col_text(st, 2),
                a ? wf_action_label(a) : db_col_text(st, 1), *vn ? ", " : "", vn);
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_fail(db, e, "đọc sổ văn bản"), -1;
    return n;
}

int docreg_check(st_db *db, FILE *out, st_err *e)
{
    sqlite3_stmt *st;
    if (db_prepare(db, "SELECT min(r.doc_no), r.year, group_concat(DISTINCT coalesce(p.code, '?')) "
                   "FROM doc_register r LEFT JOIN proposals p ON p.id = r.proposal_id "
                   "WHERE r.deleted = 0 GROUP BY r.issuer_unit_id, r.year, r.number, r.symbol "
                   "HAVING count(*) > 1 AND (min(r.action) <> 'commend' OR "
                   "max(r.action) <> 'commend' OR count(DISTINCT r.doc_date) > 1) "
                   "ORDER BY r.year, min(r.doc_no)", &st, e))
        return -1;
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        fprintf(out, "doc_register: số văn bản %s năm %d dùng nhiều lần (đề xuất %s)\n",
                db_col_text(st, 0), sqlite3_column_int(st, 1), db_col_text(st, 2));
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return db_fail(db, e, "đọc sổ văn bản"), -1;
    int m = check_unregistered(db, out, e);
    return m < 0 ? -1 : n + m;
}
