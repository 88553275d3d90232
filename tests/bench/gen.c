/* tests/bench/gen: a province-scale database for `make bench`, made
 * deterministically from a seed through the program's own core (setup_init,
 * user_add, person_add, proposal_create, workflow_apply), so that every
 * rule, trigger and index is the real one.
 *
 *   gen [--seed N] [--scale F] [--dir DIR] [--print-path]
 *
 * The file is cached as DIR/province-s<seed>-x<scale>-v<schema>-g<GEN>.db:
 * a later run with the same seed, scale, schema and generator version
 * prints its path and does nothing else.  It is made under a temporary name
 * and renamed when complete, so a killed run never leaves a half file in the
 * cache.  Scale 1 is the size DESIGN.md names: 500 units, 2 000 users,
 * 10 000 people, 100 000 proposals over four and a half years in every state,
 * 200 000 monitoring entries, 1 000 000 events. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/bulk.h"
#include "store/config.h"
#include "store/db.h"
#include "store/db_internal.h"
#include "demo/demo_words.h"
#include "base/rng.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/people.h"
#include "flow/units.h"
#include "flow/users.h"
#include "flow/workflow.h"
#include "report/report.h"

/* Bump when the generated data changes, so that stale caches are not used. */
#define GEN_VERSION 8   /* 5: maintained without planner statistics; 6-8: month-end stocks, schema 17 (18: their columns) */
#define NUNITS 500
#define NPEOPLE_FULL 10000
#define NPROPS_FULL 100000
#define NMONITOR_FULL 200000
#define NEVENTS_FULL 1000000
/* The history since Conclusion 14-KL/TW (22/09/2021: no step of the
 * policy may come before it); "today" for the bench is the day after. */
#define FIRST_DAY "2021-09-22"
#define LAST_DAY "2026-03-31"
#define PASSWORD "bench-password-1"

/* ---- random numbers: our own, so a seed gives the same file everywhere -- */

static const char *pick(rng *r, int list) { return dw[list].s[rnd(r, dw[list].n)]; }

/* ---- the world --------------------------------------------------------- */

typedef struct gunit {
    char code[32], name[160];
    int parent, depth, top;     /* top: the depth-1 ancestor (or itself) */
} gunit;

enum { R_CLERK, R_HEAD, R_REVIEWER, R_MONITOR, R_N };

typedef struct gen {
    st_db *db;
    st_err *e;
    rng r;
    gunit u[NUNITS];
    int nu;
    st_actor (*act)[R_N];       /* per unit */
    int64_t *person;
    int *person_unit, npeople;
    int nprops, nmonitor_goal, nevents_goal;
    st_day first, last;
    const calendar *cal;
    long nsteps, nfail;
    int minute;
    st_day clock_day;
} gen;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int die(gen *g, const char *what)
{
    fprintf(stderr, "gen: %s: %s%s%s\n", what, g->e->msg, g->e->field[0] ? " — trường " : "",
            g->e->field);
    return 1;
}

/* The engine's clock (SANGTAO_TODAY/NOW), minutes moving on within a day. */
static void set_clock(gen *g, st_day day)
{
    char iso[11], now[32];
    date_iso(day, iso);
    if (day != g->clock_day) g->minute = 60 + rnd(&g->r, 30);
    else if (g->minute < 590) g->minute += 1;
    g->clock_day = day;
    snprintf(now, sizeof now, "%sT%02d:%02d:%02dZ", iso, g->minute / 60, g->minute % 60,
             rnd(&g->r, 60));
    setenv("SANGTAO_TODAY", iso, 1);
    setenv("SANGTAO_NOW", now, 1);
}

static st_day wd_after(const gen *g, st_day d, int n)
{
    if (!calendar_is_working_day(g->cal, d)) d = calendar_add_working_days(g->cal, d, 1);
    return calendar_add_working_days(g->cal, d, n < 0 ? 0 : n);
}

/* ---- units: a province, its departments, districts and communes --------- */

static const char *const syll[] = {
    "An", "Bình", "Phước", "Hòa", "Tân", "Mỹ", "Đức", "Thạnh", "Lộc", "Quang", "Hưng",
    "Phú", "Long", "Thành", "Nhơn", "Cát", "Hải", "Sơn", "Trung", "Đông", "Tây", "Nam",
    "Bắc", "Vĩnh", "Xuân", "Hồng", "Ân", "Tường", "Lợi", "Nghĩa", "Thuận", "Điền",
    "Khánh", "Phong", "Quý", "Định", "Hội", "Lương", "Mỹ", "Ninh", "Triều", "Đạo"};
static const char *const depts[][2] = {
    {"Văn phòng Tỉnh ủy", "VPTU"}, {"Ban Tổ chức Tỉnh ủy", "BTC"}, {"Ban Tuyên giáo Tỉnh ủy", "BTG"},
    {"Ủy ban Kiểm tra Tỉnh ủy", "UBKT"}, {"Ban Dân vận Tỉnh ủy", "BDV"}, {"Ban Nội chính Tỉnh ủy", "BNC"},
    {"Văn phòng UBND tỉnh", "VPUB"}, {"Sở Nội vụ", "SNV"}, {"Sở Tư pháp", "STP"},
    {"Sở Kế hoạch và Đầu tư", "SKHDT"}, {"Sở Tài chính", "STC"}, {"Sở Công Thương", "SCT"},
    {"Sở Nông nghiệp và Phát triển nông thôn", "SNN"}, {"Sở Giao thông vận tải", "SGTVT"},
    {"Sở Xây dựng", "SXD"}, {"Sở Tài nguyên và Môi trường", "STNMT"},
    {"Sở Thông tin và Truyền thông", "STTTT"}, {"Sở Lao động - Thương binh và Xã hội", "SLDTBXH"},
    {"Sở Văn hóa và Thể thao", "SVHTT"}, {"Sở Khoa học và Công nghệ", "SKHCN"},
    {"Sở Giáo dục và Đào tạo", "SGDDT"}, {"Sở Y tế", "SYT"}, {"Thanh tra tỉnh", "TTT"},
    {"Ban Quản lý Khu kinh tế", "BQLKKT"}, {"Sở Du lịch", "SDL"}};
static const char *const dept_subs[] = {
    "Chi cục", "Trung tâm", "Phòng Hành chính - Tổng hợp", "Phòng Nghiệp vụ"};
static const char *const district_offices[][2] = {
    {"Văn phòng HĐND và UBND", "VP"}, {"Ban Tổ chức", "BTC"}, {"Phòng Nội vụ", "PNV"},
    {"Phòng Tư pháp", "PTP"}, {"Phòng Tài chính - Kế hoạch", "PTCKH"},
    {"Phòng Tài nguyên và Môi trường", "PTNMT"}, {"Phòng Kinh tế", "PKT"},
    {"Phòng Giáo dục và Đào tạo", "PGD"}};

static int add_unit(gen *g, const char *code, const char *name, int parent)
{
    if (g->nu >= NUNITS) return -1;
    gunit *x = &g->u[g->nu];
    snprintf(x->code, sizeof x->code, "%s", code);
    snprintf(x->name, sizeof x->name, "%s", name);
    x->parent = parent;
    x->depth = parent < 0 ? 0 : g->u[parent].depth + 1;
    x->top = x->depth <= 1 ? g->nu : g->u[parent].top;
    return g->nu++;
}

static void place_name(gen *g, char *out, size_t n)
{
    const char *a = syll[rnd(&g->r, (int)(sizeof syll / sizeof syll[0]))], *b;
    do b = syll[rnd(&g->r, (int)(sizeof syll / sizeof syll[0]))]; while (b == a);
    snprintf(out, n, "%s %s", a, b);
}

/* 1 root, 25 departments with a few sub-units, 12 districts with their
 * offices and communes until there are NUNITS.  Written as the CSV that an
 * administrator would import. */
static char *make_units_csv(gen *g)
{
    char code[32], name[160], place[64];
    int root = add_unit(g, "QA", "Tỉnh ủy Quảng An", -1);
    int nd = (int)(sizeof depts / sizeof depts[0]);
    for (int i = 0; i < nd; i++) {
        snprintf(code, sizeof code, "QA-%s", depts[i][1]);
        int d = add_unit(g, code, depts[i][0], root);
        for (int k = 0, n = range(&g->r, 1, 3); k < n; k++) {
            snprintf(code, sizeof code, "QA-%s-%d", depts[i][1], k + 1);
            place_name(g, place, sizeof place);
            snprintf(name, sizeof name, "%s %s %s", dept_subs[k], k < 2 ? place : "thuộc",
                     k < 2 ? "" : depts[i][0]);
            add_unit(g, code, name, d);
        }
    }
    int dist[12];
    static const char *const dkind[] = {"Thành phố", "Thị xã", "Huyện"};
    for (int i = 0; i < 12; i++) {
        place_name(g, place, sizeof place);
        snprintf(code, sizeof code, "QA-H%02d", i + 1);
        snprintf(name, sizeof name, "%s ủy %s", i == 0 ? "Thành" : i < 3 ? "Thị" : "Huyện", place);
        (void)dkind;
        dist[i] = add_unit(g, code, name, root);
        for (size_t k = 0; k < sizeof district_offices / sizeof district_offices[0]; k++) {
            snprintf(code, sizeof code, "QA-H%02d-%s", i + 1, district_offices[k][1]);
            snprintf(name, sizeof name, "%s %s", district_offices[k][0], place);
            add_unit(g, code, name, dist[i]);
        }
    }
    for (int k = 0; g->nu < NUNITS; k++) {
        int di = k % 12;
        place_name(g, place, sizeof place);
        snprintf(code, sizeof code, "QA-H%02d-X%02d", di + 1, k / 12 + 1);
        snprintf(name, sizeof name, "%s %s", di == 0 ? "Phường" : chance(&g->r, 8) ? "Thị trấn" : "Xã",
                 place);
        add_unit(g, code, name, dist[di]);
    }
    size_t cap = (size_t)NUNITS * 256 + 64, len = 0;
    char *csv = malloc(cap);
    if (!csv) return NULL;
    len += (size_t)snprintf(csv + len, cap - len, "code,name,parent_code,level,short_name\n");
    static const char *const lv[] = {"tinh", "ban", "phong"};
    for (int i = 0; i < g->nu; i++) {
        const gunit *x = &g->u[i];
        len += (size_t)snprintf(csv + len, cap - len, "%s,\"%s\",%s,%s,\n", x->code, x->name,
                                x->parent >= 0 ? g->u[x->parent].code : "", lv[x->depth < 3 ? x->depth : 2]);
    }
    return csv;
}

/* ---- users and people --------------------------------------------------- */

static void person_name(rng *r, char *out, size_t n)
{
    int f = chance(r, 45);
    snprintf(out, n, "%s %s %s", pick(r, DW_HO), pick(r, f ? DW_DEM_NU : DW_DEM_NAM),
             pick(r, f ? DW_TEN_NU : DW_TEN_NAM));
}

/* Four accounts per unit (clerk, head, reviewer, monitor): 2 000 in all. */
static int make_users(gen *g)
{
    static const char *const suffix[R_N] = {"cv", "ld", "td", "gs"};
    static const unsigned roles[R_N] = {ROLE_CLERK, ROLE_HEAD, ROLE_REVIEWER, ROLE_MONITOR};
    st_actor admin;
    if (user_actor(g->db, "admin", &admin, g->e)) return die(g, "admin");
    for (int i = 0; i < g->nu; i++)
        for (int k = 0; k < R_N; k++) {
            char uname[64], full[96];
            size_t n = 0;
            for (const char *c = g->u[i].code; *c && n < 40; c++)
                uname[n++] = *c == '-' ? '.' : (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
            snprintf(uname + n, sizeof uname - n, ".%s", suffix[k]);
            /* Four words where the people have three: an account is never
             * taken for a proposer of the same name (Decree 73 Art. 7-8:
             * nobody decides their own proposal, checked by name when the
             * account names no person). */
            person_name(&g->r, full, sizeof full);
            size_t fl = strlen(full);
            snprintf(full + fl, sizeof full - fl, " %s", pick(&g->r, DW_TEN_NAM));
            /* user_add hashes each password with yescrypt (about 3 ms): two
             * thousand of them take seconds, so every account goes through
             * the real call and keeps its own salt. */
            if (user_add(g->db, &admin, uname, full, roles[k], g->u[i].code, PASSWORD, g->e))
                return die(g, uname);
        }
    /* New accounts must change their password at first login; the bench
     * logs in with the generated one, so one statement clears the flag for
     * all of them (no core call does this for other users). */
    if (sqlite3_exec(db_h(g->db), "UPDATE users SET must_change_pw = 0", NULL, NULL, NULL) != SQLITE_OK)
        return die(g, "must_change_pw");
    for (int i = 0; i < g->nu; i++)
        for (int k = 0; k < R_N; k++) {
            char uname[64];
            size_t n = 0;
            for (const char *c = g->u[i].code; *c && n < 40; c++)
                uname[n++] = *c == '-' ? '.' : (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
            snprintf(uname + n, sizeof uname - n, ".%s", suffix[k]);
            if (user_actor(g->db, uname, &g->act[i][k], g->e)) return die(g, uname);
        }
    return 0;
}

static int make_people(gen *g, int n)
{
    st_actor admin;
    if (user_actor(g->db, "admin", &admin, g->e)) return die(g, "admin");
    for (int i = 0; i < n; i++) {
        char name[96], phone[16];
        int u = 1 + rnd(&g->r, g->nu - 1);
        person_name(&g->r, name, sizeof name);
        snprintf(phone, sizeof phone, "09%08d", rnd(&g->r, 100000000));
        st_kv kv[] = {{"full_name", name}, {"position", pick(&g->r, DW_STAFF_POS)},
                      {"unit", g->u[u].code}, {"phone", phone}};
        if (person_add(g->db, &admin, kv, 4, &g->person[i], g->e)) return die(g, name);
        g->person_unit[i] = u;
    }
    g->npeople = n;
    return 0;
}

/* ---- one proposal's path ------------------------------------------------- */

enum { A_NOTE, A_SUBMIT, A_RETURN, A_EDIT, A_RESUBMIT, A_WITHDRAW, A_ACCEPT, A_OPINION,
       A_PARTY, A_VOTE, A_APPROVE, A_REJECT, A_START, A_MONITOR, A_SUSPEND, A_RESUME,
       A_TERMINATE, A_REPORT, A_PARTY2, A_EVALUATE, A_PROPOSE, A_REPLICATE, A_DECLINE,
       A_CLOSE, A_COMMEND, A_COUNT };
static const struct { const char *name; int who; } acts[A_COUNT] = {
    {"note", R_CLERK}, {"submit", R_CLERK}, {"return", R_HEAD}, {"edit", R_CLERK},
    {"resubmit", R_CLERK}, {"withdraw", R_CLERK}, {"accept", R_HEAD}, {"opinion", R_REVIEWER},
    {"opinion", R_HEAD}, {"vote", R_HEAD}, {"approve", R_HEAD}, {"reject", R_HEAD},
    {"start", R_CLERK}, {"monitor", R_MONITOR}, {"suspend", R_HEAD}, {"resume", R_HEAD},
    {"terminate", R_HEAD}, {"report", R_CLERK}, {"opinion", R_HEAD}, {"evaluate", R_HEAD},
    {"propose_replication", R_HEAD}, {"replicate", R_MONITOR}, {"decline_replication", R_MONITOR},
    {"close", R_HEAD}, {"commend", R_MONITOR}};

/* Final states, in percent of the proposals (sums to 100). */
static const struct { int state, pct; } mix[] = {
    {S_DRAFT, 9}, {S_SUBMITTED, 7}, {S_IN_REVIEW, 7}, {S_RETURNED, 5}, {S_APPROVED, 4},
    {S_REJECTED, 8}, {S_IMPLEMENTING, 15}, {S_SUSPENDED, 2}, {S_TERMINATED, 1},
    {S_REPORTED, 5}, {S_EVALUATED, 8}, {S_REPLICATION_PROPOSED, 4}, {S_REPLICATED, 6},
    {S_CLOSED, 15}, {S_WITHDRAWN, 4}};

#define MAXSTEPS 64
typedef struct gstep { unsigned char act, gap; signed char arg; } gstep;
typedef struct gprop {
    int target, unit, comp, lead, busy;
    st_day start, end;           /* first and last step */
    char code[32];
} gprop;

typedef struct plan {
    gstep s[MAXSTEPS];
    int n, outcome, pilot, vote_fail;
} plan;

static void add(plan *p, int act, int gap, int arg)
{
    if (p->n < MAXSTEPS) p->s[p->n++] = (gstep){(unsigned char)act, (unsigned char)gap, (signed char)arg};
}

/* outcome: 0 completed, 1 partial, 2 not completed (with damage) */
static void make_plan(rng *r, const gprop *gp, plan *p)
{
    int T = gp->target;
    memset(p, 0, sizeof *p);
    p->pilot = chance(r, 40);
    p->outcome = T >= S_REPLICATION_PROPOSED && T <= S_REPLICATED ? rnd(r, 2) : rnd(r, 10) < 6 ? 0 : rnd(r, 10) < 6 ? 1 : 2;
    if (T == S_DRAFT) { if (chance(r, 30)) add(p, A_NOTE, range(r, 1, 8), 0); return; }
    if (T == S_WITHDRAWN) {
        if (chance(r, 60)) add(p, A_SUBMIT, range(r, 2, 15), 0);
        add(p, A_WITHDRAW, range(r, 3, 20), 0);
        return;
    }
    add(p, A_SUBMIT, range(r, 2, 20), 0);
    if (T != S_RETURNED && chance(r, T == S_SUBMITTED ? 40 : 15)) {
        add(p, A_RETURN, range(r, 1, 5), 0);
        add(p, A_EDIT, range(r, 3, 15), 0);
        add(p, A_RESUBMIT, range(r, 0, 2), 0);
    }
    if (T == S_SUBMITTED) return;
    if (T == S_RETURNED) { add(p, A_RETURN, range(r, 1, 5), 0); return; }
    add(p, A_ACCEPT, range(r, 1, 3), 0);
    if (chance(r, 70)) add(p, A_OPINION, range(r, 1, 4), 0);
    if (T == S_IN_REVIEW) return;
    if (T == S_REJECTED) {
        /* Decree 73 Art. 8(1): a rejection follows a vote that did not pass. */
        add(p, A_VOTE, range(r, 1, 3), 1);
        add(p, A_REJECT, range(r, 0, 2), 0);
        return;
    }
    p->vote_fail = chance(r, 6);
    add(p, A_PARTY, range(r, 1, 3), 0);
    add(p, A_VOTE, range(r, 0, 2), p->vote_fail);
    add(p, A_APPROVE, range(r, 0, 2), 0);
    if (T == S_APPROVED) return;
    add(p, A_START, range(r, 5, 20), 0);
    int m = gp->busy ? 30 : range(r, 1, 4);
    if (T == S_SUSPENDED || T == S_TERMINATED) m = range(r, 1, 3);
    for (int k = 1; k <= m; k++) {
        add(p, A_MONITOR, range(r, 15, 40), (signed char)(k * 90 / (m + 1)));
        if (gp->busy) add(p, A_NOTE, range(r, 0, 2), 0);
    }
    if (T == S_IMPLEMENTING) return;
    if (T == S_SUSPENDED) { add(p, A_SUSPEND, range(r, 1, 5), 0); return; }
    if (T == S_TERMINATED) { add(p, A_MONITOR, range(r, 1, 5), -1); add(p, A_TERMINATE, range(r, 1, 5), 0); return; }
    add(p, A_REPORT, range(r, 10, 30), 0);
    if (T == S_REPORTED) return;
    add(p, A_PARTY2, range(r, 1, 4), 0);
    add(p, A_EVALUATE, range(r, 1, 4), 0);
    int good = p->outcome < 2;
    if (good && chance(r, 40)) add(p, A_COMMEND, range(r, 5, 20), 0);
    if (T == S_EVALUATED) return;
    if (T == S_CLOSED && (!good || chance(r, 50))) { add(p, A_CLOSE, range(r, 5, 30), 0); return; }
    add(p, A_PROPOSE, range(r, 5, 20), 0);
    if (T == S_REPLICATION_PROPOSED) return;
    if (T == S_CLOSED && chance(r, 40)) { add(p, A_DECLINE, range(r, 10, 40), 0); return; }
    add(p, A_REPLICATE, range(r, 10, 40), 0);
    if (chance(r, 50)) add(p, A_COMMEND, range(r, 5, 20), 0);
    if (T == S_CLOSED) add(p, A_CLOSE, range(r, 20, 60), 0);
}

static int plan_days(const plan *p)
{
    int d = 0;
    for (int i = 0; i < p->n; i++) d += p->s[i].gap;
    return d * 7 / 5 + 10;
}

/* ---- values of each step -------------------------------------------------- */

typedef struct kvb {
    st_kv kv[40];
    char buf[40][1200];
    int n;
} kvb;

__attribute__((format(printf, 3, 4)))
static void putf(kvb *b, const char *name, const char *fmt, ...)
{
    if (b->n >= 40) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b->buf[b->n], sizeof b->buf[b->n], fmt, ap);
    va_end(ap);
    b->kv[b->n].name = name;
    b->kv[b->n].value = b->buf[b->n];
    b->n++;
}
static void put(kvb *b, const char *name, const char *v) { putf(b, name, "%s", v); }
static void putd(kvb *b, const char *name, st_day d)
{
    char iso[11];
    date_iso(d, iso);
    put(b, name, iso);
}

/* Varied lengths: one to three sentences from a list. */
static void put_text(kvb *b, rng *r, const char *name, int list, int max)
{
    int n = range(r, 1, max);
    const char *a = pick(r, list), *c = pick(r, list), *d = pick(r, list);
    putf(b, name, "%s%s%s%s%s", a, n > 1 && c != a ? " " : "", n > 1 && c != a ? c : "",
         n > 2 && d != a && d != c ? " " : "", n > 2 && d != a && d != c ? d : "");
}

/* "Huyện ủy An Nhơn" reads "huyện An Nhơn" in a title. */
static void title_place(const gunit *u, char *out, size_t n)
{
    static const char *const pre[][2] = {{"Thành ủy ", "thành phố "}, {"Thị ủy ", "thị xã "},
                                         {"Huyện ủy ", "huyện "}, {"Tỉnh ủy ", "tỉnh "}};
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
        if (strncmp(u->name, pre[i][0], strlen(pre[i][0])) == 0) {
            snprintf(out, n, "%s%s", pre[i][1], u->name + strlen(pre[i][0]));
            return;
        }
    snprintf(out, n, "%s", u->name);
}

static void put_create(gen *g, gprop *gp, rng *r, kvb *b)
{
    static const char *const lead_in[] = {"", "", "", "Đề xuất ", "Mô hình ", "Giải pháp ",
                                          "Sáng kiến "};
    static const char *const tails[] = {"", "", "", " giai đoạn 2021–2025", " năm %d",
                                        " gắn với chuyển đổi số", " theo Kết luận 14-KL/TW",
                                        " trong tình hình mới"};
    int f = rnd(r, dw_nfields);
    char place[160], t1[400], t2[120];
    title_place(&g->u[gp->unit], place, sizeof place);
    snprintf(t1, sizeof t1, dw_fields[f].titles[rnd(r, 4)], place);
    char year[11];
    date_iso(gp->start, year);
    year[4] = 0;
    snprintf(t2, sizeof t2, tails[rnd(r, 8)], atoi(year));
    const char *li = lead_in[rnd(r, 7)];
    /* "Đề xuất thí điểm…": the template's capital goes lower after a lead-in */
    if (*li && (unsigned char)t1[0] < 0x80) t1[0] = (char)(t1[0] - 'A' + 'a');
    putf(b, "title", "%s%s%s", li, t1, t2);
    put(b, "field", dw_fields[f].code);
    put(b, "employing_unit", g->u[gp->unit].code);
    if (gp->comp != gp->unit) put(b, "proposer_is_head", "1");
    putf(b, "lead", "%lld", (long long)g->person[gp->lead]);
    put(b, "lead_position", pick(r, DW_STAFF_POS));
    if (chance(r, 50)) {
        int a = rnd(r, g->npeople), c = rnd(r, g->npeople);
        if (a != gp->lead && c != gp->lead && a != c)
            putf(b, "coauthors", "%lld;%lld", (long long)g->person[a], (long long)g->person[c]);
    }
    int unreg = chance(r, 50);
    put_text(b, r, "bottleneck", unreg ? DW_BN_NOTREG : DW_BN_UNSUIT, 2);
    put(b, "bottleneck_kind", unreg ? "not_regulated" : "unsuitable");
    put_text(b, r, "necessity", DW_NECESSITY, 3);
    put_text(b, r, "content", DW_CONTENT, 3);
    put_text(b, r, "scope_implementers", DW_SCOPE, 1);
    putd(b, "period_from", gp->start + range(r, 30, 60));
    putd(b, "period_to", gp->start + range(r, 200, 420));
    putf(b, "funding_requested", "%d000000", range(r, 1, 900));   /* Art. 7(2): resources stated */
    put_text(b, r, "feasibility", DW_FEASIBILITY, 2);
    if (chance(r, 60)) put_text(b, r, "scientific_basis", DW_SCIENTIFIC, 2);
    if (chance(r, 60)) put_text(b, r, "practical_basis", DW_PRACTICAL, 2);
    putf(b, "legal_basis", "%s; %s", pick(r, DW_LAW), dw_fields[f].law);
    if (chance(r, 70)) put_text(b, r, "impact_positive", DW_IMPACT_POS, 2);
    if (chance(r, 40)) put_text(b, r, "impact_negative", DW_IMPACT_NEG, 1);
    if (chance(r, 70)) put_text(b, r, "expected_effect", DW_EFFECT, 2);
    if (chance(r, 50)) put_text(b, r, "risks", DW_RISKS, 2);
}

static const char *measure_for(const char *sug, rng *r)
{
    static const char *const consider[] = {"excluded", "exempted", "mitigated"};
    if (strcmp(sug, "consider_exclusion") == 0) return consider[rnd(r, 3)];
    if (strcmp(sug, "none") == 0) return chance(r, 50) ? "mitigated" : "none";
    return sug;
}

static int docno;

/* "125/QĐ-QAH03X05": numbers never repeat (the register refuses a number
 * used twice), the issuer's symbol is its code without hyphens (a part of
 * a symbol may not start with a digit). */
static void put_doc(gen *g, const gprop *gp, kvb *b, const char *kind, st_day day)
{
    char sym[32];
    size_t n = 0;
    for (const char *c = g->u[gp->comp].code; *c && n + 1 < sizeof sym; c++)
        if (*c != '-') sym[n++] = *c;
    sym[n] = 0;
    putf(b, "doc_no", "%d/%s-%s", 1 + docno++, kind, sym);
    putd(b, "doc_date", day);
}

static void put_step(gen *g, gprop *gp, const plan *p, const gstep *s, rng *r, st_day day, kvb *b)
{
    static const char *const outcomes[] = {"completed", "partial", "not_completed"};
    switch (s->act) {
    case A_NOTE: put_text(b, r, "text", DW_NOTE, 2); break;
    case A_SUBMIT: case A_RESUBMIT: if (chance(r, 30)) put(b, "comment", pick(r, DW_SUBMIT)); break;
    case A_RETURN: put(b, "reason", pick(r, DW_RETURN)); put_doc(g, gp, b, "TB", day); break;
    case A_EDIT: put_text(b, r, "risks", DW_RISKS, 2); break;
    case A_WITHDRAW: put(b, "reason", pick(r, DW_WITHDRAW)); break;
    case A_ACCEPT: putd(b, "received_date", day); break;
    case A_OPINION:
        putf(b, "reviewer", "%s – %s", g->act[gp->comp][R_REVIEWER].full_name, g->u[gp->comp].name);
        put(b, "recommendation", gp->target == S_REJECTED ? "reject" : p->pilot ? "pilot" : "implement");
        put_text(b, r, "text", DW_OPINION, 2);
        break;
    case A_PARTY: case A_PARTY2:
        putf(b, "reviewer", "Ban Thường vụ %s", g->u[g->u[gp->comp].top].name);
        put(b, "recommendation", s->act == A_PARTY2 ? "other" : p->pilot ? "pilot" : "implement");
        put(b, "text", pick(r, s->act == A_PARTY2 ? DW_PARTY_EVAL : DW_PARTY_OP));
        put(b, "party_committee", "có");
        break;
    case A_VOTE: {
        int members = range(r, 7, 15), vf = s->arg ? members / 2 - 1 : members / 2 + 1 + rnd(r, members / 2);
        put(b, "members", (snprintf(b->buf[39], 16, "%d", members), b->buf[39]));
        putf(b, "votes_for", "%d", vf);
        putf(b, "votes_against", "%d", members - vf);
        break;
    }
    case A_APPROVE:
        put(b, "kind", p->pilot ? "pilot" : "implement");
        put_doc(g, gp, b, "QĐ", day);
        put(b, "signer", g->act[gp->comp][R_HEAD].full_name);
        if (chance(r, 70)) putf(b, "funding_granted", "%d000000", range(r, 20, 800));
        if (chance(r, 30)) put(b, "people_granted", pick(r, DW_PEOPLE_GRANT));
        if (p->pilot) put(b, "pilot_scope", pick(r, DW_PILOT_SCOPE));
        if (chance(r, 50)) put(b, "milestones", pick(r, DW_MILESTONES));
        if (p->vote_fail) put(b, "override_reason", pick(r, DW_OVERRIDE));
        break;
    case A_REJECT:
        put(b, "reject_reasons", chance(r, 50) ? "not_feasible" : "impractical,other");
        put(b, "reject_detail", pick(r, DW_REJECT));
        put_doc(g, gp, b, "QĐ", day);
        put(b, "signer", g->act[gp->comp][R_HEAD].full_name);
        break;
    case A_START: putd(b, "start_date", day); break;
    case A_MONITOR: {
        static const char *const kinds[] = {"follow", "inspect", "supervise"};
        put(b, "kind", kinds[rnd(r, 3)]);
        put(b, "by_whom", g->u[g->u[gp->comp].top].name);
        if (s->arg < 0) {
            put(b, "violation", "1");
            put(b, "violation_detail", pick(r, DW_VIOLATION));
            put(b, "corrective_action", pick(r, DW_CORRECTIVE));
            break;
        }
        putf(b, "progress", "%d", s->arg);
        put_text(b, r, "findings", DW_FINDING, 2);
        if (chance(r, 60)) put(b, "problems", pick(r, DW_PROBLEM));
        if (chance(r, 40)) put(b, "support", pick(r, DW_SUPPORT));
        if (chance(r, 20)) put(b, "adjustments", pick(r, DW_ADJUST));
        break;
    }
    case A_SUSPEND: put(b, "reason", pick(r, DW_SUSPEND)); put_doc(g, gp, b, "QĐ", day); break;
    case A_RESUME: put(b, "comment", pick(r, DW_RESUME)); break;
    case A_TERMINATE:
        put(b, "violation", pick(r, DW_VIOLATION));
        put(b, "referral", pick(r, DW_REFERRAL));
        put_doc(g, gp, b, "QĐ", day);
        break;
    case A_REPORT:
        putd(b, "completion_date", day - range(r, 0, 6));
        putd(b, "report_date", day);
        put(b, "results", dw[DW_RESULTS].s[p->outcome == 0 ? 0 : p->outcome == 1 ? 1 : 2]);
        break;
    case A_EVALUATE: {
        int damage = p->outcome == 2;
        const char *sug = workflow_suggest_protection(outcomes[p->outcome], damage, 1, 1, 1, 1, 0);
        put(b, "outcome", outcomes[p->outcome]);
        if (damage) { put(b, "damage", "1"); putf(b, "damage_estimate", "%d000000", range(r, 5, 300)); }
        if (p->outcome) {
            put(b, "objective_causes", pick(r, DW_OBJ_CAUSE));
            put(b, "subjective_causes", pick(r, DW_SUBJ_CAUSE));
        }
        put(b, "in_line_policy", "1");
        put(b, "clean_motive", "1");
        put(b, "common_good", "1");
        put(b, "no_prohibited_act", "1");
        put(b, "protection_measure", measure_for(sug, r));
        /* The evaluation is the collective's: a passing vote. */
        int members = range(r, 7, 15), vf = members / 2 + 1 + rnd(r, members / 2);
        putf(b, "members", "%d", members);
        putf(b, "votes_for", "%d", vf);
        putf(b, "votes_against", "%d", members - vf);
        put_doc(g, gp, b, "KL", day);
        break;
    }
    case A_PROPOSE:
        put(b, "text", pick(r, DW_REPL_TEXT));
        putf(b, "target_units", "%s; %s", g->u[1 + rnd(r, g->nu - 1)].name, g->u[1 + rnd(r, g->nu - 1)].name);
        break;
    case A_REPLICATE:
        put_doc(g, gp, b, "TB", day);
        putf(b, "adopting_units", "%s; %s", g->u[1 + rnd(r, g->nu - 1)].name, g->u[1 + rnd(r, g->nu - 1)].name);
        put(b, "text", pick(r, DW_REPL_DECISION));
        break;
    case A_DECLINE: put(b, "text", pick(r, DW_DECLINE)); break;
    case A_CLOSE: if (chance(r, 30)) put(b, "comment", pick(r, DW_NOTE)); break;
    case A_COMMEND: {
        static const char *const forms[] = {"praise", "certificate", "merit", "early_raise",
                                            "priority_appointment"};
        putf(b, "person", "%lld", (long long)g->person[gp->lead]);
        /* Art. 10: rewards beyond praise only for a completed proposal. */
        int form = rnd(r, 5);
        put(b, "form", p->outcome == 0 ? forms[form] : forms[0]);
        put_doc(g, gp, b, "QĐKT", day);
        if (chance(r, 30)) put(b, "note", pick(r, DW_COMMEND));
        break;
    }
    default: break;
    }
}

static int run_action(gen *g, gprop *gp, int act, const kvb *b)
{
    const st_actor *by = &g->act[act == A_MONITOR || act == A_REPLICATE || act == A_DECLINE ||
                                 act == A_COMMEND ? gp->comp
                                 : acts[act].who == R_CLERK ? gp->unit : gp->comp][acts[act].who];
    int rc = act == A_EDIT ? proposal_update(g->db, by, gp->code, b->kv, b->n, 0, g->e)
                           : workflow_apply(g->db, by, gp->code, acts[act].name, b->kv, b->n, 0, g->e);
    g->nsteps++;
    if (rc) {
        fprintf(stderr, "gen: %s %s: %s%s%s\n", gp->code, acts[act].name, g->e->msg,
                g->e->field[0] ? " — trường " : "", g->e->field);
        return 1;
    }
    return 0;
}

static int run_prop(gen *g, gprop *gp, uint64_t seed, int idx)
{
    rng r;
    rng_seed(&r, seed * 1000003u + (uint64_t)idx);
    plan p;
    make_plan(&r, gp, &p);
    kvb *b = calloc(1, sizeof *b);
    if (!b) return 1;
    st_day day = gp->start;
    set_clock(g, day);
    put_create(g, gp, &r, b);
    int rc = proposal_create(g->db, &g->act[gp->unit][R_CLERK], b->kv, b->n, gp->code, g->e);
    g->nsteps++;
    if (rc) { free(b); return die(g, "proposal_create"); }
    for (int k = 0; k < p.n && !rc; k++) {
        day = wd_after(g, day, p.s[k].gap);
        set_clock(g, day);
        b->n = 0;
        put_step(g, gp, &p, &p.s[k], &r, day, b);
        rc = run_action(g, gp, p.s[k].act, b);
    }
    gp->end = day;
    free(b);
    return rc;
}

/* ---- main ---------------------------------------------------------------- */

static const gprop *sort_base;
static int by_start(const void *a, const void *b)
{
    int i = *(const int *)a, j = *(const int *)b;
    st_day x = sort_base[i].start, y = sort_base[j].start;
    return x != y ? (x < y ? -1 : 1) : i - j;
}

static long count(gen *g, const char *sql)
{
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_prepare_v2(db_h(g->db), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) n = (long)sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

/* Bring monitoring and events to their exact totals: monitoring entries on
 * proposals still being carried out, then notes anywhere. */
static int top_up(gen *g, gprop *gps, uint64_t seed)
{
    rng r;
    rng_seed(&r, seed ^ 0x70707070u);
    kvb *b = calloc(1, sizeof *b);
    if (!b) return 1;
    int rc = 0;
    long mon = count(g, "SELECT count(*) FROM monitoring"), guard = 0;
    for (int i = 0; mon < g->nmonitor_goal && !rc && guard++ < 100L * g->nprops;
         i = (i + 7919) % g->nprops) {
        gprop *gp = &gps[i];
        if ((gp->target != S_IMPLEMENTING && gp->target != S_SUSPENDED) || gp->end >= g->last)
            continue;
        gp->end = wd_after(g, gp->end, range(&r, 5, 20));
        set_clock(g, gp->end);
        plan p = {0};
        gstep s = {A_MONITOR, 0, (signed char)range(&r, 50, 95)};
        b->n = 0;
        put_step(g, gp, &p, &s, &r, gp->end, b);
        rc = run_action(g, gp, A_MONITOR, b);
        mon++;
    }
    long ev = count(g, "SELECT count(*) FROM events");
    for (int i = 0; ev < g->nevents_goal && !rc && guard++ < 200L * g->nprops;
         i = (i + 104729) % g->nprops) {
        gprop *gp = &gps[i];
        if (gp->end >= g->last) continue;
        gp->end = wd_after(g, gp->end, range(&r, 1, 10));
        set_clock(g, gp->end);
        b->n = 0;
        put_text(b, &r, "text", DW_NOTE, 2);
        rc = run_action(g, gp, A_NOTE, b);
        ev++;
    }
    free(b);
    return rc;
}

static int generate(gen *g, const char *units_path, uint64_t seed, double scale)
{
    double t0 = now_s();
    int rc;
    if ((rc = setup_init(g->db, units_path, "admin", "Quản trị hệ thống", PASSWORD, g->e)))
        return die(g, "setup_init");
    if (!(g->cal = db_calendar(g->db, g->e))) return die(g, "calendar");
    fprintf(stderr, "gen: %d units; users …\n", g->nu);
    if ((rc = make_users(g))) return rc;
    fprintf(stderr, "gen: users %.1f s; people …\n", now_s() - t0);
    if ((rc = make_people(g, (int)(NPEOPLE_FULL * scale + 0.5)))) return rc;
    fprintf(stderr, "gen: people %.1f s; proposals …\n", now_s() - t0);
    gprop *gps = calloc((size_t)g->nprops, sizeof *gps);
    if (!gps) return 1;
    int n = 0, busy = 0;
    for (size_t k = 0; k < sizeof mix / sizeof mix[0]; k++)
        for (int j = 0; j < g->nprops * mix[k].pct / 100 && n < g->nprops; j++) gps[n++].target = mix[k].state;
    while (n < g->nprops) gps[n++].target = S_CLOSED;
    for (int i = 0; i < g->nprops; i++) {
        gprop *gp = &gps[i];
        rng r;
        rng_seed(&r, seed * 7919u + (uint64_t)i);
        gp->unit = 1 + rnd(&r, g->nu - 1);
        gp->comp = chance(&r, 12) && g->u[gp->unit].parent >= 0 ? g->u[gp->unit].parent : gp->unit;
        gp->lead = rnd(&r, g->npeople);
        /* one in 500 implementing proposals is followed closely: ~60 events,
         * the detail screen's heavy case */
        gp->busy = gp->target == S_IMPLEMENTING && (busy++ % 500) == 0;
        plan p;
        rng pr;
        rng_seed(&pr, seed * 1000003u + (uint64_t)i);
        make_plan(&pr, gp, &p);
        int span = (int)(g->last - g->first) - plan_days(&p);
        gp->start = g->first + rnd(&r, span > 30 ? span : 30);
    }
    /* Run in order of the first step, so that codes are numbered as the
     * drafts were made; each proposal's plan and texts depend only on
     * (seed, index), not on that order. */
    int *order = malloc((size_t)g->nprops * sizeof *order);
    if (!order) return 1;
    for (int i = 0; i < g->nprops; i++) order[i] = i;
    sort_base = gps;
    qsort(order, (size_t)g->nprops, sizeof *order, by_start);
    double tp = now_s();
    for (int k = 0; k < g->nprops && !rc; k++) {
        int i = order[k];
        if ((rc = bulk_step(g->db, g->e))) return die(g, "bulk");
        rc = run_prop(g, &gps[i], seed, i);
        if ((k + 1) % 5000 == 0)
            fprintf(stderr, "gen: %d proposals, %ld steps, %.0f steps/s\n", k + 1, g->nsteps,
                    (double)g->nsteps / (now_s() - tp));
    }
    free(order);
    if (!rc) rc = top_up(g, gps, seed);
    free(gps);
    fprintf(stderr, "gen: workflow %.1f s (%ld calls)\n", now_s() - tp, g->nsteps);
    return rc;
}

static int usage(void)
{
    fprintf(stderr, "Cách dùng: gen [--seed N] [--scale F] [--dir THƯ_MỤC] [--print-path]\n"
                    "Tạo (hoặc dùng lại) cơ sở dữ liệu quy mô tỉnh cho make bench.\n");
    return 2;
}

int main(int argc, char **argv)
{
    unsigned long seed = 2026;
    double scale = 1.0;
    const char *dir = "build/bench";
    int print_only = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) seed = strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) scale = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) dir = argv[++i];
        else if (strcmp(argv[i], "--print-path") == 0) print_only = 1;
        else return usage();
    }
    if (scale <= 0 || scale > 10) return usage();
    char path[512], tmp[560], units[560];
    snprintf(path, sizeof path, "%s/province-s%lu-x%g-v%d-g%d.db", dir, seed, scale,
             db_schema_latest(), GEN_VERSION);
    struct stat sb;
    if (print_only || stat(path, &sb) == 0) {
        printf("%s\n", path);
        return 0;
    }
    mkdir(dir, 0755);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(units, sizeof units, "%s.units.csv", path);
    unlink(tmp);
    char side[600];
    snprintf(side, sizeof side, "%s-wal", tmp); unlink(side);
    snprintf(side, sizeof side, "%s-shm", tmp); unlink(side);

    gen *g = calloc(1, sizeof *g);
    st_err e;
    err_clear(&e);
    config *cfg = NULL;
    if (!g || config_new(&cfg, &e) || config_set(cfg, "database.path", tmp, &e) ||
        config_set(cfg, "site.code", "QA", &e)) {
        fprintf(stderr, "gen: %s\n", e.msg);
        return 1;
    }
    g->e = &e;
    g->nprops = (int)(NPROPS_FULL * scale + 0.5);
    g->nmonitor_goal = (int)(NMONITOR_FULL * scale + 0.5);
    g->nevents_goal = (int)(NEVENTS_FULL * scale + 0.5);
    g->act = calloc(NUNITS, sizeof *g->act);
    g->person = calloc(NPEOPLE_FULL * 10 + 1, sizeof *g->person);
    g->person_unit = calloc(NPEOPLE_FULL * 10 + 1, sizeof *g->person_unit);
    rng_seed(&g->r, seed);
    if (date_parse(FIRST_DAY, &g->first, &e) || date_parse(LAST_DAY, &g->last, &e)) return 1;
    char *csv = make_units_csv(g);
    FILE *f = csv ? fopen(units, "w") : NULL;
    if (!f || fputs(csv, f) < 0 || fclose(f)) {
        fprintf(stderr, "gen: %s: không ghi được\n", units);
        return 1;
    }
    free(csv);
    double t0 = now_s();
    if (db_open(cfg, DB_OPEN_CREATE, &g->db, &e)) { fprintf(stderr, "gen: %s\n", e.msg); return 1; }
    /* No changesets for the exchange while the file is made: the bulk's
     * outer transaction would collect every row of 5 000 proposals into one
     * (no office exists yet; a site is seeded from the finished file). */
    db_capture_pause(g->db, 1);
    /* While the file is made, and only then: pages written once (a
     * rollback journal in memory, which still undoes a failed call's
     * savepoint) instead of to the write-ahead log and again at each
     * checkpoint, and 1 GiB of page cache for the indexes' random inserts.
     * The file goes back to WAL below, and every later open checks it. */
    sqlite3_exec(db_h(g->db), "PRAGMA journal_mode=MEMORY; PRAGMA temp_store=MEMORY",
                 NULL, NULL, NULL);
    int rc = bulk_begin(g->db, 5000, &e);
    sqlite3_exec(db_h(g->db), "PRAGMA cache_size=-1048576", NULL, NULL, NULL);
    if (!rc) rc = generate(g, units, seed, scale);
    if (!rc) rc = bulk_end(g->db, &e);
    else bulk_abort(g->db);
    char summary[512] = "";
    if (!rc) {
        sqlite3_exec(db_h(g->db), "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        /* As the nightly maintenance leaves a server's file (sangtao
         * maintain: the search indexes merged, statistics). */
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            int months = 0;
            long rows = 0;
            /* The night after: the real clock again (the generator's ended
             * at the day of its last action, and only the months before it
             * would be written). */
            unsetenv("SANGTAO_TODAY");
            unsetenv("SANGTAO_NOW");
            if (report_stock_refresh(g->db, &months, &rows, &e) != ST_OK)
                fprintf(stderr, "gen: month-end stocks: %s\n", e.msg);
            if (db_maintain(g->db, null, &e) != ST_OK) fprintf(stderr, "gen: maintain: %s\n", e.msg);
            fclose(null);
        }
        snprintf(summary, sizeof summary, "gen: %ld proposals, %ld events, %ld monitoring, "
                "%ld evaluations, %ld commendations, %ld users, %ld people, %ld units\n",
                count(g, "SELECT count(*) FROM proposals"), count(g, "SELECT count(*) FROM events"),
                count(g, "SELECT count(*) FROM monitoring"), count(g, "SELECT count(*) FROM evaluations"),
                count(g, "SELECT count(*) FROM commendations"), count(g, "SELECT count(*) FROM users"),
                count(g, "SELECT count(*) FROM people"), count(g, "SELECT count(*) FROM units"));
        fputs(summary, stderr);
    }
    db_close(&g->db);
    config_free(&cfg);
    if (!rc && rename(tmp, path) != 0) rc = 1;
    if (!rc) {
        stat(path, &sb);
        char line[700];
        snprintf(line, sizeof line, "gen: %s: %.1f MB in %.0f s\n", path,
                 (double)sb.st_size / 1e6, now_s() - t0);
        fputs(line, stderr);
        /* The counts and the time, for make bench's table header. */
        char logp[600];
        snprintf(logp, sizeof logp, "%s.log", path);
        FILE *lf = fopen(logp, "w");
        if (lf) { fputs(summary, lf); fputs(line, lf); fclose(lf); }
        printf("%s\n", path);
    }
    free(g->act);
    free(g->person);
    free(g->person_unit);
    free(g);
    return rc;
}
