/* libFuzzer: CSV import.  The reader on arbitrary bytes, then the same
 * bytes as a proposal import and a unit import into a real (in-memory)
 * database: all rows or none, a message naming the line, never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "store/db.h"
#include "flow/proposal.h"
#include "flow/setup.h"
#include "flow/units.h"
#include "flow/users.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static config *cfg;
static st_db *db;
static st_actor admin;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    st_err e;
    err_clear(&e);
    if (config_new(&cfg, &e) || config_set(cfg, "database.path", ":memory:", &e) ||
        db_open(cfg, DB_OPEN_CREATE, &db, &e) ||
        setup_init(db, NULL, "admin", "Quản trị", "Matkhau#2026", &e) ||
        user_actor(db, "admin", &admin, &e)) {
        fprintf(stderr, "fuzz_csv: %s\n", e.msg);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    FILE *f = fmemopen((void *)data, size, "r");
    if (!f) return 0;
    csv_reader *r = NULL;
    st_err e;
    err_clear(&e);
    if (csv_open(f, &r) == ST_OK) {
        char **cells;
        int n, got;
        while ((got = csv_next(r, &cells, &n, &e)) > 0)
            for (int i = 0; i < n; i++) (void)strlen(cells[i]);
        if (got < 0 && !e.msg[0]) abort();
        csv_close(&r);
    }
    rewind(f);
    int count = 0;
    err_clear(&e);
    if (proposal_import_csv(db, &admin, f, "fuzz.csv", &count, &e) != ST_OK && (count || !e.msg[0]))
        abort();
    fclose(f);
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    err_clear(&e);
    if (unit_import_text(db, &admin, text, "units.csv", &count, &e) != ST_OK && !e.msg[0]) abort();
    free(text);
    return 0;
}
