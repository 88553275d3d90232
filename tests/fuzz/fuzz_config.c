/* libFuzzer: loading config.ini (our scan, then iniparser) from arbitrary
 * bytes: either a config or a FILE:LINE message, never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0]) snprintf(path, sizeof path, "/tmp/sangtao-fuzz-%ld.ini", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    config *c = NULL;
    st_err e;
    err_clear(&e);
    if (config_load_file(path, &c, &e) == ST_OK) {
        if (!c) abort();
        for (size_t i = 0; config_key(i); i++) (void)config_str(c, config_key(i));
        FILE *null = fopen("/dev/null", "w");
        if (null) { config_print_values(c, null); fclose(null); }
        config_free(&c);
    } else if (!e.msg[0]) {
        abort();   /* every refusal says why */
    }
    return 0;
}
