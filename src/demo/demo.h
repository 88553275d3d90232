/* Folder src/demo: the demo database, made through the real core.
 * May include: flow, store, text, base. */
/* The demo database: the Bình Định unit tree of the 2022 plan, a few dozen
 * users and ~200 proposals spread over every state through the real
 * workflow, with monitoring, evaluations, commendations and dissemination. */
#ifndef SANGTAO_DEMO_H
#define SANGTAO_DEMO_H

#include "base/actor.h"
#include "store/db.h"
#include "base/err.h"

/* Fill a freshly initialised database (units, holidays and the admin already
 * there).  Deterministic for a seed.  Demo users get the password
 * demo_password. */
int demo_fill(st_db *db, const st_actor *admin, unsigned seed,
              const char *demo_password, st_err *e);

#endif
