/* Name = value pairs: how every interface hands field values to the core
 * (the CLI's --set, CSV columns, the screens' forms). */
#ifndef SANGTAO_KV_H
#define SANGTAO_KV_H

typedef struct st_kv {
    const char *name;
    const char *value;
} st_kv;

/* Last value given for name, or NULL. */
const char *kv_get(const st_kv *kv, int n, const char *name);

#endif
