/* The setgid "sangtao" rules: see priv.h. */
#include "priv.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int inited;
static gid_t real_gid, group_gid;
static mode_t user_umask;
static int depth;
static const char *test_dbdir;

/* Taken once, before anything drops the group: afterwards getegid() may
 * equal getgid() for a while. */
static void priv_init(void)
{
    if (inited) return;
    inited = 1;
    real_gid = getgid();
    group_gid = getegid();
    if (real_gid != group_gid) {
        /* The database files must stay readable and writable by the group,
         * whatever umask the user has (0660 files in the 2770 folder). */
        user_umask = umask(007);
        umask((mode_t)(user_umask & ~(mode_t)070) | 007);
    }
}

int priv_elevated(void)
{
    priv_init();
    return real_gid != group_gid;
}

int priv_refuse_override(const char *what, st_err *e)
{
    if (!priv_elevated()) return ST_OK;
    return err_set(e, ST_EPERM, "%s: không được dùng khi chương trình chạy với nhóm "
                   "sangtao (đã cài đặt); cơ sở dữ liệu và cài đặt lấy từ "
                   "/etc/sangtao/config.ini (refused when installed setgid)", what);
}

void priv_set_dbdir_for_tests(const char *dir)
{
    test_dbdir = dir;
}

int priv_check_db_path(const char *path, st_err *e)
{
    if (!priv_elevated()) return ST_OK;
    const char *dir = test_dbdir ? test_dbdir : SANGTAO_DBDIR;
    char want[PATH_MAX], got[PATH_MAX], copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", path ? path : "");
    /* The folder must be the installed one itself (after symlinks); the
     * file's own name may not climb out of it. */
    const char *base = strrchr(copy, '/');
    int ok = path && path[0] == '/' && base && base[1] && strcmp(base + 1, ".") != 0 &&
             strcmp(base + 1, "..") != 0 && realpath(dir, want) != NULL;
    if (ok) {
        char *d = dirname(copy);
        ok = realpath(d, got) != NULL && strcmp(got, want) == 0;
    }
    if (ok) {
        /* An existing name there must be a plain file, not a link elsewhere. */
        struct stat sb;
        if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) ok = 0;
    }
    if (ok) return ST_OK;
    return err_set(e, ST_EPERM, "database.path = %.200s: khi cài đặt với nhóm sangtao, cơ "
                   "sở dữ liệu phải nằm ngay trong thư mục %s (refused: outside the "
                   "installed database folder)", path ? path : "", dir);
}

void priv_user_begin(void)
{
    if (!priv_elevated()) return;
    if (depth++ > 0) return;
    umask(user_umask);
    if (setegid(real_gid) != 0) { /* cannot fail: the real gid is always allowed */ }
}

void priv_user_end(void)
{
    if (!priv_elevated() || depth == 0) return;
    if (--depth > 0) return;
    if (setegid(group_gid) != 0) { /* saved set-group-ID allows it */ }
    umask((mode_t)(user_umask & ~(mode_t)070) | 007);
}

FILE *priv_fopen_user(const char *path, const char *mode)
{
    priv_user_begin();
    FILE *f = fopen(path, mode);
    int err = errno;
    priv_user_end();
    errno = err;
    return f;
}

int priv_create_file(const char *path, mode_t mode, gid_t group, st_err *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) {
        if (errno == EEXIST)
            return err_set(e, ST_EINVAL, "%s: tệp đã tồn tại; không ghi đè", path);
        return err_set(e, ST_EIO, "%s: không tạo được tệp (%s)", path, strerror(errno));
    }
    int rc = ST_OK;
    /* The mode exactly as asked, whatever the umask; then the group. */
    if (fchmod(fd, mode) != 0 ||
        (group != (gid_t)-1 && fchown(fd, (uid_t)-1, group) != 0))
        rc = err_set(e, ST_EIO, "%s: không đặt được quyền truy cập (%s)", path, strerror(errno));
    if (close(fd) != 0 && rc == ST_OK)
        rc = err_set(e, ST_EIO, "%s: không tạo được tệp (%s)", path, strerror(errno));
    if (rc) unlink(path);
    return rc;
}

int priv_tempfile(char *path, size_t n, const char *prefix, st_err *e)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir || dir[0] != '/') dir = "/tmp";
    if ((size_t)snprintf(path, n, "%s/%s-XXXXXX", dir, prefix) >= n)
        return err_set(e, ST_EIO, "TMPDIR quá dài"), -1;
    /* With the user's own rights and umask 077: the file is the user's,
     * readable by nobody else, whatever group the program runs with. */
    priv_user_begin();
    mode_t old = umask(077);
    int fd = mkstemp(path);
    int err = errno;
    umask(old);
    priv_user_end();
    if (fd < 0) {
        err_set(e, ST_EIO, "Không tạo được tệp tạm trong %s (%s)", dir, strerror(err));
        return -1;
    }
    return fd;
}

int priv_check_init(const char *path, st_err *e)
{
    if (!priv_elevated()) return ST_OK;
    uid_t me = getuid();
    if (me == 0) return ST_OK;
    /* Else only who installed it: the owner of the database folder. */
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path ? path : "");
    struct stat sb;
    if (stat(dirname(dir), &sb) == 0 && sb.st_uid == me) return ST_OK;
    return err_set(e, ST_EPERM, "Chỉ root (hoặc người đã cài đặt chương trình, chủ thư mục %s) "
                   "được tạo cơ sở dữ liệu của hệ thống (refused: init needs root)",
                   SANGTAO_DBDIR);
}
