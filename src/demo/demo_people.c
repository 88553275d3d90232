/* The demo's people: the unit tree as the database holds it, the teams
 * and their accounts (clerk, head, reviewer, monitor), and the hundred
 * people proposals are written by. */
#include "demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_internal.h"
#include "flow/people.h"
#include "flow/units.h"
#include "flow/users.h"

static int unit_cb(const unit_row *row, void *ud)
{
    demo *d = ud;
    dunit *nu = realloc(d->u, (size_t)(d->nu + 1) * sizeof *nu);
    if (!nu) return err_set(d->e, ST_ENOMEM, "hết bộ nhớ");
    d->u = nu;
    dunit *x = memset(&d->u[d->nu++], 0, sizeof *nu);
    snprintf(x->code, sizeof x->code, "%s", row->code);
    snprintf(x->name, sizeof x->name, "%s", row->name);
    x->depth = row->depth;
    x->parent = -1;
    for (int i = 0; i < d->nu - 1 && *row->parent_code; i++)
        if (strcmp(d->u[i].code, row->parent_code) == 0) x->parent = i;
    return 0;
}

int demo_load_units(demo *d)
{
    int rc = unit_list(d->db, d->admin, unit_cb, d, d->e);
    if (rc) return rc;
    d->root = d->legal = -1;
    for (int i = 0; i < d->nu; i++) {
        if (d->u[i].depth == 0 && d->root < 0) d->root = i;
        if (strstr(d->u[i].name, "Tư pháp") && d->legal < 0) d->legal = i;
        int top = i;
        while (d->u[top].depth > 1 && d->u[top].parent >= 0) top = d->u[top].parent;
        d->u[i].top = d->u[i].depth >= 1 ? top : -1;
        for (int a = i; a >= 0; a = d->u[a].parent) d->u[a].size++;
    }
    if (d->root < 0 || d->nu < 2)
        return err_set(d->e, ST_EINVAL, "Dữ liệu mẫu cần cây đơn vị (chưa nạp đơn vị?)");
    if (d->legal < 0) d->legal = d->root;
    return ST_OK;
}

static int mkuser(demo *d, int unit, const char *suffix, unsigned roles, st_actor *out)
{
    char uname[64], full[64];
    size_t k = 0;
    for (const char *c = d->u[unit].code; *c && k < 20; c++)
        uname[k++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    snprintf(uname + k, sizeof uname - k, ".%s", suffix);
    demo_new_name(d, full, sizeof full);
    int rc = user_add(d->db, d->admin, uname, full, roles, d->u[unit].code, d->pw, d->e);
    if (rc) return demo_fail(d, uname, "user_add");
    /* Demo accounts share the published demo password and open straight
     * into the screens; user_add always demands a change at first login and
     * no core call clears that for another user, hence this direct write. */
    sqlite3_stmt *st;
    if ((rc = db_prepare(d->db, "UPDATE users SET must_change_pw = 0 WHERE username = ?1", &st, d->e)))
        return rc;
    sqlite3_bind_text(st, 1, uname, -1, SQLITE_STATIC);
    rc = sqlite3_step(st) == SQLITE_DONE ? ST_OK : db_fail(d->db, d->e, "người dùng mẫu");
    sqlite3_finalize(st);
    if (!rc && out && (rc = user_actor(d->db, uname, out, d->e))) return demo_fail(d, uname, "user_actor");
    return rc;
}

/* Teams: the province (root), then the depth-1 units with the largest
 * subtrees; each has a clerk, a head, a reviewer, and a monitor when it has
 * a Ban Tổ chức.  Proposals elsewhere are handled by the province team. */
int demo_make_users(demo *d)
{
    int cand[64], nc = 0, rc;
    for (int i = 0; i < d->nu && nc < 64; i++)
        if (d->u[i].depth == 1 && d->u[i].size > 1) cand[nc++] = i;
    for (int i = 1; i < nc; i++)     /* by size, largest first, else tree order */
        for (int j = i; j > 0 && d->u[cand[j]].size > d->u[cand[j - 1]].size; j--) {
            int t = cand[j]; cand[j] = cand[j - 1]; cand[j - 1] = t;
        }
    d->nt = 0;
    d->t[d->nt++].unit = d->root;
    for (int i = 0; i < nc && d->nt < MAXTEAMS; i++) {
        d->u[cand[i]].team = d->nt;
        d->t[d->nt++].unit = cand[i];
    }
    for (int k = 0; k < d->nt; k++) {
        team *t = &d->t[k];
        t->super = t->unit;
        for (int i = 0; i < d->nu; i++)
            if (d->u[i].parent == t->unit && demo_starts(d->u[i].name, "Ban Tổ chức")) t->super = i;
        t->has_monitor = k == 0 || t->super != t->unit;
        if ((rc = mkuser(d, t->unit, "chuyenvien", ROLE_CLERK, &t->clerk)) ||
            (rc = mkuser(d, t->unit, "lanhdao", ROLE_HEAD, &t->head)) ||
            (rc = mkuser(d, t->unit, "thamdinh", ROLE_REVIEWER, &t->reviewer)) ||
            (t->has_monitor && (rc = mkuser(d, t->unit, "theodoi", ROLE_MONITOR, &t->monitor))) ||
            (k % 3 == 0 && (rc = mkuser(d, t->unit, "xem", ROLE_VIEWER, NULL))))
            return rc;
    }
    if ((rc = mkuser(d, d->root, "theodoi2", ROLE_MONITOR, NULL))) return rc;
    return mkuser(d, d->root, "thuky", ROLE_CLERK | ROLE_REVIEWER, &d->secretary);
}

int demo_make_people(demo *d)
{
    static const char *const net[] = {"90", "91", "93", "94", "97", "98", "86", "88"};
    for (int i = 0; i < NPEOPLE; i++) {
        int u = rnd(&d->r, d->nu), r = rnd(&d->r, 100);
        if (u == d->root) u = (u + 1) % d->nu;
        const dw_post *po = &dw_posts[dw_nposts - 1];
        for (int k = 0; k < dw_nposts - 1 && po == &dw_posts[dw_nposts - 1]; k++)
            if (demo_starts(d->u[u].name, dw_posts[k].prefix)) po = &dw_posts[k];
        d->phead[i] = r < 8;
        snprintf(d->ppos[i], sizeof d->ppos[i], "%s",
                 r < 8 ? po->head : r < 25 ? po->deputy : demo_pick(&d->r, DW_STAFF_POS));
        char name[64], phone[16];
        demo_new_name(d, name, sizeof name);
        snprintf(phone, sizeof phone, "0%s%07d", net[rnd(&d->r, 8)], rnd(&d->r, 10000000));
        st_kv kv[] = {{"full_name", name}, {"position", d->ppos[i]}, {"unit", d->u[u].code},
                      {"phone", phone}};
        d->punit[i] = u;
        if (person_add(d->db, d->admin, kv, 4, &d->person[i], d->e)) return demo_fail(d, name, "person_add");
    }
    return ST_OK;
}
