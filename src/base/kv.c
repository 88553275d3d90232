#include "kv.h"

#include <string.h>

const char *kv_get(const st_kv *kv, int n, const char *name)
{
    const char *v = NULL;
    for (int i = 0; i < n; i++)
        if (kv[i].name && strcmp(kv[i].name, name) == 0) v = kv[i].value;
    return v;
}
