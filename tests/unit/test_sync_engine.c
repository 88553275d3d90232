/* The exchange's engine between real database files: a hub (site 1) and an
 * office (site 2, subtree P-A) made from a copy of the hub, as a seed does;
 * payloads are passed directly (the transport's signing and encryption are
 * tested in test_sync_bundle).  Each test is one rule of issue 15. */
#include "test_sync_fixture.h"

/* A proposal made at the office reaches the hub with its proposers and
 * events; the echo back changes nothing and both hold the same rows. */
static void test_office_to_hub(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->off, "Số hóa hồ sơ một cửa ở xã Phước Lộc", code);
    assert_true(strncmp(code, "HA-", 3) == 0);
    sync_result r = exchange(f, 0);
    assert_int_equal(r.changes_applied, 1);
    assert_int_equal(r.conflicts, 0);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE title = "
                                     "'Số hóa hồ sơ một cửa ở xã Phước Lộc'"), 1);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM events e JOIN proposals p ON "
                                     "p.id = e.proposal_id WHERE p.code LIKE 'HA-%'"), 1);
    /* the search index is rebuilt from the applied rows */
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposal_fts WHERE proposal_fts "
                                     "MATCH 'phuoc'"), 1);
    r = exchange(f, 1);
    assert_int_equal(r.changes_applied, 1);     /* the hub's capture of it: a no-op here */
    assert_converged(f);
    /* nothing new: the next payloads carry nothing to apply */
    r = exchange(f, 0);
    assert_int_equal(r.changes_applied, 0);
    r = exchange(f, 1);
    assert_int_equal(r.changes_applied, 0);
}

/* Replaying a payload, or an older one after a newer one, changes nothing;
 * a lost payload k is covered by k+1 (cumulative). */
static void test_replay_and_lost(void **state)
{
    fx *f = *state;
    char c1[32], c2[32];
    new_proposal(&f->off, "Đề xuất thứ nhất", c1);
    unsigned char *pk, *pk1;
    size_t nk, nk1;
    payload(&f->off, 1, &pk, &nk);          /* k: lost on the way */
    new_proposal(&f->off, "Đề xuất thứ hai", c2);
    payload(&f->off, 1, &pk1, &nk1);        /* k+1 */
    sync_result r = apply(&f->hub, 2, pk1, nk1);
    assert_int_equal(r.changes_applied, 2);
    long before = qint(f->hub.db, "SELECT count(*) FROM sync_outbox");
    r = apply(&f->hub, 2, pk1, nk1);        /* the same again */
    assert_int_equal(r.changes_applied, 0);
    assert_int_equal(r.changes_skipped, 2);
    r = apply(&f->hub, 2, pk, nk);          /* k turns up late */
    assert_int_equal(r.changes_applied, 0);
    assert_int_equal(r.changes_skipped, 1);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM sync_outbox"), before);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE code LIKE 'HA-%'"), 2);
    free(pk);
    free(pk1);
}

/* After a gap the later entries wait, and are applied when the missing
 * part arrives. */
static void test_gap_waits(void **state)
{
    fx *f = *state;
    char c[32];
    new_proposal(&f->off, "Một", c);
    new_proposal(&f->off, "Hai", c);
    new_proposal(&f->off, "Ba", c);
    /* as if the hub had acknowledged 1 and then lost it (restored hub) */
    sql(f->off.db, "UPDATE sync_peers SET acked = 1");
    unsigned char *p;
    size_t n;
    payload(&f->off, 1, &p, &n);
    sync_result r = apply(&f->hub, 2, p, n);
    free(p);
    assert_int_equal(r.changes_applied, 0);
    assert_int_equal(r.changes_waiting, 2);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE code LIKE 'HA-%'"), 0);
    sql(f->off.db, "UPDATE sync_peers SET acked = 0");
    r = exchange(f, 0);
    assert_int_equal(r.changes_applied, 3);
    assert_int_equal(r.changes_waiting, 0);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE code LIKE 'HA-%'"), 3);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM sync_ledger WHERE site = 2"), 3);
}

/* An office never receives a proposal outside its subtree, not even in
 * the payload's bytes. */
static void test_subtree_only(void **state)
{
    fx *f = *state;
    st_kv kv[] = {
        {"title", "Chuyện riêng của huyện B"}, {"field", "hanh_chinh"},
        {"employing_unit", "P-B"}, {"lead", "Trần Thị Bình"}, {"lead_position", "Chuyên viên"},
    };
    char cb[32], ca[32];
    st_err e;
    err_clear(&e);
    if (proposal_create(f->hub.db, &f->hub.admin, kv, 5, cb, &e)) fail_msg("%s", e.msg);
    new_proposal(&f->hub, "Việc của huyện A", ca);
    unsigned char *p;
    size_t n;
    payload(&f->hub, 2, &p, &n);
    assert_null(find_bytes(p, n, "huyện B", strlen("huyện B")));
    assert_non_null(find_bytes(p, n, "Việc của huyện A", strlen("Việc của huyện A")));
    sync_result r = apply(&f->off, 1, p, n);
    free(p);
    assert_int_equal(r.changes_applied, 2);
    assert_int_equal(qint(f->off.db, "SELECT count(*) FROM proposals WHERE title LIKE "
                                     "'Chuyện riêng%'"), 0);
    assert_int_equal(qint(f->off.db, "SELECT count(*) FROM proposals WHERE title = "
                                     "'Việc của huyện A'"), 1);
    assert_converged(f);
}

/* Password hashes, login state and local tables never leave a site. */
static void test_nothing_secret_travels(void **state)
{
    fx *f = *state;
    char *hash = qstr(f->hub.db, "SELECT password_hash FROM users WHERE username = 'admin'");
    sql(f->hub.db, "UPDATE users SET failed_logins = 3");     /* not through db_begin either */
    write_sql(f->hub.db, "UPDATE users SET failed_logins = 4, locked_until = "
                         "'2026-03-02T10:00:00Z', full_name = 'Quản trị viên tỉnh' "
                         "WHERE username = 'admin'");
    write_sql(f->hub.db, "INSERT INTO meta(key, value) VALUES ('backup.last', 'bí mật')");
    unsigned char *p;
    size_t n;
    payload(&f->hub, 2, &p, &n);
    assert_null(find_bytes(p, n, hash, strlen(hash)));
    assert_null(find_bytes(p, n, "bí mật", strlen("bí mật")));
    assert_null(find_bytes(p, n, "2026-03-02T10:00:00Z", 20));
    sync_result r = apply(&f->off, 1, p, n);
    free(p);
    free(hash);
    assert_true(r.changes_applied >= 1);
    /* the account's other columns did travel */
    char *name = qstr(f->off.db, "SELECT full_name FROM users WHERE username = 'admin'");
    assert_string_equal(name, "Quản trị viên tỉnh");
    free(name);
    assert_int_equal(qint(f->off.db, "SELECT failed_logins FROM users WHERE username = 'admin'"), 0);
}

/* A new account made at the hub arrives without a password. */
static void test_account_arrives_locked(void **state)
{
    fx *f = *state;
    st_err e;
    err_clear(&e);
    unsigned mask;
    roles_parse("clerk", &mask, &e);
    assert_int_equal(user_add(f->hub.db, NULL, "lan", "Lê Thị Lan", mask, "P-A",
                              "matkhau-bi-mat-9", &e), ST_OK);
    exchange(f, 1);
    char *h = qstr(f->off.db, "SELECT password_hash || '/' || must_change_pw FROM users "
                              "WHERE username = 'lan'");
    assert_string_equal(h, "!/1");
    free(h);
}

/* Different fields of one proposal edited at the two sites both survive,
 * everywhere, with no conflict. */
static void test_different_fields_merge(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->hub, "Tiêu đề ban đầu", code);
    exchange(f, 1);
    char q[300];
    snprintf(q, sizeof q, "UPDATE proposals SET content = 'Nội dung sửa ở huyện', "
             "version = version + 1, updated_at = '2026-03-03T01:00:00Z' WHERE code = '%s'", code);
    write_sql(f->off.db, q);
    snprintf(q, sizeof q, "UPDATE proposals SET title = 'Tiêu đề sửa ở tỉnh', "
             "version = version + 1, updated_at = '2026-03-03T02:00:00Z' WHERE code = '%s'", code);
    write_sql(f->hub.db, q);
    sync_result r = exchange(f, 0);
    assert_int_equal(r.conflicts, 0);
    exchange(f, 1);
    for (int i = 0; i < 2; i++) {
        st_db *db = i ? f->off.db : f->hub.db;
        snprintf(q, sizeof q, "SELECT title || '|' || content FROM proposals WHERE code = '%s'",
                 code);
        char *v = qstr(db, q);
        assert_string_equal(v, "Tiêu đề sửa ở tỉnh|Nội dung sửa ở huyện");
        free(v);
        assert_int_equal(qint(db, "SELECT count(*) FROM sync_conflicts"), 0);
    }
    assert_converged(f);
}

/* The same field at both sites: one winner everywhere (the last to reach
 * the hub), the other value kept in a conflict record both sites see. */
static void test_same_field_one_winner(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->hub, "Tiêu đề ban đầu", code);
    exchange(f, 1);
    char q[300];
    snprintf(q, sizeof q, "UPDATE proposals SET title = 'Tên do huyện đặt', version = version + 1 "
             "WHERE code = '%s'", code);
    write_sql(f->off.db, q);
    snprintf(q, sizeof q, "UPDATE proposals SET title = 'Tên do tỉnh đặt', version = version + 1 "
             "WHERE code = '%s'", code);
    write_sql(f->hub.db, q);
    sync_result r = exchange(f, 0);
    assert_int_equal(r.conflicts, 1);
    exchange(f, 1);
    for (int i = 0; i < 2; i++) {
        st_db *db = i ? f->off.db : f->hub.db;
        snprintf(q, sizeof q, "SELECT title FROM proposals WHERE code = '%s'", code);
        char *v = qstr(db, q);
        assert_string_equal(v, "Tên do huyện đặt");
        free(v);
        v = qstr(db, "SELECT kind || '|' || col || '|' || kept_value || '|' || kept_site || '|' "
                     "|| lost_value || '|' || lost_site || '|' || state FROM sync_conflicts");
        assert_string_equal(v, "field|title|Tên do huyện đặt|2|Tên do tỉnh đặt|1|open");
        free(v);
    }
    assert_converged(f);
}

/* A proposal moved offline at both ends: the hub accepts it for review,
 * the office withdraws it.  Withdraw is not allowed from in_review: the
 * hub's state stands everywhere, both events are kept, and a workflow
 * conflict is recorded at both sites. */
static void test_workflow_move_refused(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->off, "Đề xuất sẽ bị rút", code);
    act(&f->off, &f->off.clerk, code, "submit", NULL, 0);
    exchange(f, 0);
    exchange(f, 1);
    act(&f->hub, &f->hub.admin, code, "accept", NULL, 0);
    st_kv why[] = {{"reason", "Không còn phù hợp với thực tế"}};
    act(&f->off, &f->off.clerk, code, "withdraw", why, 1);
    sync_result r = exchange(f, 0);
    assert_int_equal(r.conflicts, 1);
    exchange(f, 1);
    char q[300];
    for (int i = 0; i < 2; i++) {
        st_db *db = i ? f->off.db : f->hub.db;
        snprintf(q, sizeof q, "SELECT state FROM proposals WHERE code = '%s'", code);
        char *v = qstr(db, q);
        assert_string_equal(v, "in_review");
        free(v);
        snprintf(q, sizeof q, "SELECT group_concat(action, ',') FROM (SELECT e.action FROM events "
                 "e JOIN proposals p ON p.id = e.proposal_id WHERE p.code = '%s' ORDER BY "
                 "e.action)", code);
        v = qstr(db, q);
        assert_string_equal(v, "accept,create,submit,withdraw");
        free(v);
        v = qstr(db, "SELECT kind || '|' || kept_value || '|' || lost_value || '|' || lost_site "
                     "FROM sync_conflicts");
        assert_string_equal(v, "workflow|in_review|withdrawn|2");
        free(v);
    }
    assert_converged(f);
}

/* A move still allowed from the hub's state is applied. */
static void test_workflow_move_allowed(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->off, "Đề xuất được gửi", code);
    exchange(f, 0);
    exchange(f, 1);
    act(&f->off, &f->off.clerk, code, "submit", NULL, 0);
    exchange(f, 0);
    char q[200];
    snprintf(q, sizeof q, "SELECT state FROM proposals WHERE code = '%s'", code);
    char *v = qstr(f->hub.db, q);
    assert_string_equal(v, "submitted");
    free(v);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM sync_conflicts"), 0);
}

/* kill -9 in the middle of applying, then applying again, gives exactly
 * what a clean run gives. */
static int kill_after;
static int die_soon(void *ud)
{
    (void)ud;
    if (--kill_after <= 0) raise(SIGKILL);
    return 0;
}

static int count_steps(void *ud)
{
    (*(int *)ud)++;
    return 0;
}

static void test_kill_during_apply(void **state)
{
    fx *f = *state;
    char code[32];
    for (int i = 0; i < 20; i++) new_proposal(&f->off, "Đề xuất hàng loạt", code);
    unsigned char *p;
    size_t n;
    payload(&f->off, 1, &p, &n);
    /* a clean run on a copy of the hub */
    st_err e;
    err_clear(&e);
    site clean;
    memset(&clean, 0, sizeof clean);
    char *cpath = malloc(strlen(f->dir) + 16);
    sprintf(cpath, "%s/clean.db", f->dir);
    assert_int_equal(db_backup(f->hub.db, cpath, &e), ST_OK);
    free(cpath);
    open_site(f, &clean, "clean.db", "1", "BD", DB_OPEN_EXISTING);
    int steps = 0;   /* how long a whole apply runs, to die half way through it */
    sqlite3_progress_handler(db_h(clean.db), 100, count_steps, &steps);
    apply(&clean, 2, p, n);
    sqlite3_progress_handler(db_h(clean.db), 0, NULL, NULL);
    assert_true(steps > 10);
    /* the hub's process dies half way */
    db_close(&f->hub.db);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        st_db *db;
        if (db_open(f->hub.cfg, DB_OPEN_EXISTING, &db, &e)) _exit(3);
        kill_after = steps / 2;
        sqlite3_progress_handler(db_h(db), 100, die_soon, NULL);
        sync_result r;
        sync_payload_apply(db, 2, p, n, &r, &e);
        _exit(4);   /* not reached: killed before the end */
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_int_equal(db_open(f->hub.cfg, DB_OPEN_EXISTING, &f->hub.db, &e), ST_OK);
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE code LIKE 'HA-%'"), 0);
    sync_result r = apply(&f->hub, 2, p, n);
    assert_int_equal(r.changes_applied, 20);
    sbuf a, b;
    sbuf_init(&a);
    sbuf_init(&b);
    assert_int_equal(sync_digest_build(f->hub.db, "/", &a, &e), ST_OK);
    assert_int_equal(sync_digest_build(clean.db, "/", &b, &e), ST_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.s, b.s, a.len);
    assert_int_equal(qint(f->hub.db, "SELECT max(seq) FROM sync_outbox"),
                     qint(clean.db, "SELECT max(seq) FROM sync_outbox"));
    sbuf_free(&a);
    sbuf_free(&b);
    close_site(&clean);
    free(p);
}

/* A damaged payload is refused before any change. */
static void test_damaged_payload_refused(void **state)
{
    fx *f = *state;
    char code[32];
    new_proposal(&f->off, "Đề xuất", code);
    unsigned char *p;
    size_t n;
    payload(&f->off, 1, &p, &n);
    st_err e;
    err_clear(&e);
    sync_result r;
    for (size_t cut = 0; cut < n; cut += 7)
        assert_int_not_equal(sync_payload_apply(f->hub.db, 2, p, cut, &r, &e), ST_OK);
    p[n / 2] ^= 0x20;
    assert_int_not_equal(sync_payload_apply(f->hub.db, 2, p, n, &r, &e), ST_OK);
    p[n / 2] ^= 0x20;
    assert_int_not_equal(sync_payload_apply(f->hub.db, 3, p, n, &r, &e), ST_OK);  /* wrong sender */
    assert_int_equal(qint(f->hub.db, "SELECT count(*) FROM proposals WHERE code LIKE 'HA-%'"), 0);
    free(p);
}

/* A later migration that appends a column to a synced table (issue 15:
 * "migrations added later must keep the exchange working"): the hub is
 * upgraded first, as the README says; the office, still on the version
 * before, sends a new proposal and an edit; the hub applies them, the new
 * column taking its default.  A change of the hub with the new column is
 * refused by the older office without touching a row.  Then the office is
 * upgraded too, with an edit captured before its migration still unsent:
 * it reaches the hub, and both sides converge. */
static void test_later_migration_appends_column(void **state)
{
    fx *f = *state;
    char c1[32], c2[32], q[300];
    new_proposal(&f->hub, "Đề xuất có từ trước", c1);
    exchange(f, 1);
    static const char migrate[] =
        "ALTER TABLE proposals ADD COLUMN later_note TEXT NOT NULL DEFAULT 'mặc định'";
    sql(f->hub.db, migrate);
    new_proposal(&f->off, "Lập ở văn phòng bản cũ", c2);
    snprintf(q, sizeof q, "UPDATE proposals SET content = 'Sửa ở văn phòng bản cũ', "
             "version = version + 1 WHERE code = '%s'", c1);
    write_sql(f->off.db, q);
    sync_result r = exchange(f, 0);
    assert_int_equal(r.conflicts, 0);
    snprintf(q, sizeof q, "SELECT content || '|' || later_note FROM proposals WHERE code = '%s'", c1);
    char *v = qstr(f->hub.db, q);
    assert_string_equal(v, "Sửa ở văn phòng bản cũ|mặc định");
    free(v);
    snprintf(q, sizeof q, "SELECT title || '|' || later_note FROM proposals WHERE code = '%s'", c2);
    v = qstr(f->hub.db, q);
    assert_string_equal(v, "Lập ở văn phòng bản cũ|mặc định");
    free(v);
    /* the hub's own change now has one column more: the older office
     * refuses it whole, naming the upgrade */
    snprintf(q, sizeof q, "UPDATE proposals SET later_note = 'ghi ở tỉnh', version = version + 1 "
             "WHERE code = '%s'", c1);
    write_sql(f->hub.db, q);
    unsigned char *p;
    size_t n;
    payload(&f->hub, 2, &p, &n);
    st_err e;
    err_clear(&e);
    long before = qint(f->off.db, "SELECT total(version) FROM proposals");
    assert_int_not_equal(sync_payload_apply(f->off.db, 1, p, n, &r, &e), ST_OK);
    assert_non_null(strstr(e.msg, "nâng cấp"));
    assert_int_equal(qint(f->off.db, "SELECT total(version) FROM proposals"), before);
    free(p);
    /* the office is upgraded with an edit of the older version unsent */
    snprintf(q, sizeof q, "UPDATE proposals SET necessity = 'Ghi trước khi nâng cấp', "
             "version = version + 1 WHERE code = '%s'", c2);
    write_sql(f->off.db, q);
    sql(f->off.db, migrate);
    exchange(f, 1);
    exchange(f, 0);
    exchange(f, 1);
    for (int i = 0; i < 2; i++) {
        st_db *db = i ? f->off.db : f->hub.db;
        snprintf(q, sizeof q, "SELECT later_note FROM proposals WHERE code = '%s'", c1);
        v = qstr(db, q);
        assert_string_equal(v, "ghi ở tỉnh");
        free(v);
        snprintf(q, sizeof q, "SELECT necessity FROM proposals WHERE code = '%s'", c2);
        v = qstr(db, q);
        assert_string_equal(v, "Ghi trước khi nâng cấp");
        free(v);
    }
    assert_converged(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_office_to_hub, setup, teardown),
        cmocka_unit_test_setup_teardown(test_replay_and_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gap_waits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_subtree_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_nothing_secret_travels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_arrives_locked, setup, teardown),
        cmocka_unit_test_setup_teardown(test_different_fields_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_field_one_winner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_workflow_move_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_workflow_move_allowed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_during_apply, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_payload_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_later_migration_appends_column, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
