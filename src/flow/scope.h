/* The unit-scope test of a list query, written for the planner.  A user (or
 * a unit filter) sees a subtree of units; which SQL finds its proposals fast
 * depends on the subtree's size (make bench, tests/bench/README.md). */
#ifndef SANGTAO_SCOPE_H
#define SANGTAO_SCOPE_H

#include <stddef.h>
#include "base/actor.h"
#include "store/db.h"

/* SQL that is true when proposal p, joined to its units as eu and cu, has
 * its employing or competent unit in the subtree whose path is bound to ?N.
 * A large subtree gives a per-row test, so the query walks the index of its
 * ORDER BY and stops after a page; a small one (a commune, a department)
 * gives an IN over the subtree's units, so the unit indexes fetch its few
 * proposals instead of reading the whole list to find them.  Both are true
 * for exactly the same rows; when the subtree holds every unit, the test is
 * always true and costs nothing.  Returns buf. */
const char *scope_sql(st_db *db, const char *path, int param, char *buf, size_t n);

/* How big the subtree at path is: SCOPE_ALL when it holds every unit (the
 * province), so that every proposal is in scope and callers may skip the
 * test; SCOPE_SMALL as above; otherwise SCOPE_LARGE. */
enum { SCOPE_LARGE, SCOPE_SMALL, SCOPE_ALL };
int scope_size(st_db *db, const char *path);

/* Scope test SQL: is unit ?N inside the actor's subtree.  Helpers that bind
 * the actor's scope path for "u.path LIKE path||'%'" style checks. */
int unit_in_scope(st_db *db, const st_actor *who, int64_t unit_id);

/* The actor's scope path to bind in "substr(path,1,length(?)) = ?" tests.
 * An actor without a scope sees nothing: an empty path would match every
 * unit, so this returns a path no unit has. */
static inline const char *scope_bind(const st_actor *who)
{
    return who && who->scope_path[0] == '/' ? who->scope_path : "-none-";
}

#endif
