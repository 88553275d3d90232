/* The acting user: who does something, with which roles, over which units.
 * Every read and write in src/ takes one; scope and roles are checked here,
 * never in the screens. */
#ifndef SANGTAO_ACTOR_H
#define SANGTAO_ACTOR_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

enum {
    ROLE_CLERK    = 1,   /* chuyên viên */
    ROLE_REVIEWER = 2,   /* thẩm định */
    ROLE_HEAD     = 4,   /* lãnh đạo có thẩm quyền */
    ROLE_MONITOR  = 8,   /* Ban Tổ chức: theo dõi, kiểm tra */
    ROLE_VIEWER   = 16,  /* chỉ xem */
    ROLE_ADMIN    = 32   /* quản trị */
};
#define ROLE_ALL 63u

typedef struct st_actor {
    int64_t id;
    char username[64];
    char full_name[128];
    unsigned roles;
    int64_t scope_unit;
    char scope_path[256];   /* path of the scope unit, '/1/5/' */
    int must_change_pw;
} st_actor;

/* "clerk,head" → mask; unknown names give ST_EINVAL listing the valid ones. */
int roles_parse(const char *list, unsigned *out, st_err *e);
/* mask → "clerk,head" */
void roles_format(unsigned roles, char *buf, size_t n);
/* Vietnamese label of one role bit. */
const char *role_label(unsigned bit);
/* Name of one role bit ("clerk"). */
const char *role_name(unsigned bit);

#endif
