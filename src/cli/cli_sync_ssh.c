/* sangtao sync ssh [USER@]HOST and sangtao sync serve: the exchange both
 * ways in one command when the link is up.  This side runs the other end
 * with OpenSSH (sync.ssh_command -- HOST "sync.remote_command sync serve")
 * and they talk over its standard input and output:
 *
 *   serve → "SANGTAO-SYNC 1 DEPLOYMENT SITE_NO\n"
 *   ssh   → "BUNDLE N\n" and N bytes: the bundle for the other end
 *   serve → "RESULT APPLIED SKIPPED WAITING CONFLICTS\n" or "REFUSED reason\n",
 *           then "BUNDLE N\n" and N bytes: its bundle for this side
 *
 * Each side writes what it receives to a temporary file and imports it only
 * once it is complete; the import then checks it like any bundle (size,
 * checksum, signature, addressee) and applies it in one transaction.  An
 * interrupted exchange therefore leaves each side either untouched or with
 * a whole bundle applied, and as bundles are cumulative the next exchange
 * catches up. */
#include "cli_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/priv.h"
#include "sync/bundle.h"
#include "sync/exchange.h"
#include "sync/site.h"

#define HELLO "SANGTAO-SYNC 1 "

/* Send the file at path as "BUNDLE N\n" and its bytes. */
static int send_file(FILE *to, const char *path, st_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, ST_EIO, "%s: %s", path, strerror(errno));
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    fprintf(to, "BUNDLE %ld\n", n);
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        if (fwrite(buf, 1, got, to) != got) break;
    int bad = ferror(f);
    fclose(f);
    if (bad || fflush(to) != 0 || ferror(to))
        return err_set(e, ST_EIO, "Mất kết nối khi gửi tệp trao đổi");
    return ST_OK;
}

/* Read "BUNDLE N\n" and N bytes into a new temporary file (its name into
 * path); nothing is kept of a short or oversized transfer. */
static int recv_file(FILE *from, uint64_t max, char *path, size_t pathn, st_err *e)
{
    char line[128];
    unsigned long long n;
    if (!fgets(line, sizeof line, from) || sscanf(line, "BUNDLE %llu", &n) != 1)
        return err_set(e, ST_EIO, "Bên kia không gửi tệp trao đổi (mất kết nối?)");
    if (max && n > max)
        return err_set(e, ST_EINVAL, "Tệp bên kia gửi lớn %llu MB, vượt giới hạn %llu MB "
                       "(sync.max_bundle_mb)", n >> 20, (unsigned long long)(max >> 20));
    int fd = priv_tempfile(path, pathn, "sangtao-sync", e);
    if (fd < 0) return e->code;
    FILE *f = fdopen(fd, "wb");
    if (!f) { close(fd); unlink(path); return err_set(e, ST_EIO, "%s", strerror(errno)); }
    char buf[65536];
    unsigned long long left = n;
    while (left > 0) {
        size_t want = left < sizeof buf ? (size_t)left : sizeof buf;
        size_t got = fread(buf, 1, want, from);
        if (got == 0 || fwrite(buf, 1, got, f) != got) break;
        left -= got;
    }
    if (fclose(f) != 0 || left > 0) {
        unlink(path);
        return err_set(e, ST_EIO, "Mất kết nối giữa chừng (%llu/%llu byte): chưa nhận gì, "
                       "chạy lại khi có mạng", n - left, n);
    }
    return ST_OK;
}

static int import_tmp(cli_ctx *c, const char *path, int *from, sync_result *r, st_err *e)
{
    int rc = sync_import(c->db, path, from, r, e);
    unlink(path);
    return rc;
}

static int export_tmp(cli_ctx *c, int to, char *path, size_t pathn, st_err *e)
{
    int fd = priv_tempfile(path, pathn, "sangtao-sync", e);
    if (fd < 0) return e->code;
    close(fd);
    int rc = sync_export(c->db, to, path, NULL, e);
    if (rc) unlink(path);
    return rc;
}

/* ---- the far end ------------------------------------------------------------ */

int cli_sync_serve(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao sync serve\n"
        "Đầu bên kia của sangtao sync ssh, chạy qua ssh; nói chuyện trên đầu vào và đầu\n"
        "ra chuẩn, không dùng trực tiếp.  Tài khoản: gán cho người dùng hệ thống\n"
        "(sangtao user os-login), quản trị viên.\n", 0, 0, &a);
    if (rc != -1) return rc;
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "trao đổi qua ssh"))) return rc;
    signal(SIGPIPE, SIG_IGN);
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    printf(HELLO "%s %d\n", me.deployment, me.site_no);
    fflush(stdout);
    char in[4200], out[4200];
    if (recv_file(stdin, sync_max_bytes(c->db), in, sizeof in, &e)) return cli_fail(&e);
    bundle_hdr h;
    if (bundle_peek(in, sync_max_bytes(c->db), &h, &e)) {
        unlink(in);
        printf("REFUSED %s\n", e.msg);
        return cli_fail(&e);
    }
    int from = 0;
    sync_result r;
    if (import_tmp(c, in, &from, &r, &e)) {
        for (char *p = e.msg; *p; p++) if (*p == '\n') *p = ' ';
        printf("REFUSED %s\n", e.msg);
        fflush(stdout);
        return cli_fail(&e);
    }
    printf("RESULT %d %d %d %d\n", r.changes_applied, r.changes_skipped, r.changes_waiting,
           r.conflicts);
    if (export_tmp(c, me.is_hub ? from : 0, out, sizeof out, &e)) return cli_fail(&e);
    rc = send_file(stdout, out, &e);
    unlink(out);
    return rc ? cli_fail(&e) : CLI_OK;
}

/* ---- this end ----------------------------------------------------------------- */

static pid_t spawn(const char *prog, const char *host, const char *remote, int *to_fd,
                   int *from_fd, st_err *e)
{
    int in[2], out[2];
    if (pipe(in) != 0) return err_set(e, ST_EIO, "pipe: %s", strerror(errno)), -1;
    if (pipe(out) != 0) {
        close(in[0]); close(in[1]);
        return err_set(e, ST_EIO, "pipe: %s", strerror(errno)), -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        return err_set(e, ST_EIO, "fork: %s", strerror(errno)), -1;
    }
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]); close(in[1]); close(out[0]); close(out[1]);
        /* ssh runs with the user's own rights only, never the group's. */
        if (setgid(getgid()) != 0) _exit(126);
        char cmd[1200];
        snprintf(cmd, sizeof cmd, "%s sync serve", remote);
        execl(prog, prog, "--", host, cmd, (char *)NULL);
        fprintf(stderr, "sangtao: không chạy được %s: %s\n", prog, strerror(errno));
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    *to_fd = in[1];
    *from_fd = out[0];
    return pid;
}

/* The exchange over the two streams; messages on stdout as it goes. */
static int talk(cli_ctx *c, const sync_me *me, FILE *to, FILE *from, st_err *e)
{
    char line[600], dep[64];
    int site = 0;
    if (!fgets(line, sizeof line, from) || strncmp(line, HELLO, strlen(HELLO)) != 0 ||
        sscanf(line + strlen(HELLO), "%63s %d", dep, &site) != 2)
        return err_set(e, ST_EIO, "Bên kia không trả lời như sangtao sync serve (kiểm tra "
                       "sync.remote_command và tài khoản ở đó)");
    if (strcmp(dep, me->deployment) != 0)
        return err_set(e, ST_EINVAL, "Bên kia thuộc hệ thống khác (mã triển khai %s, ở đây %s)",
                       dep, me->deployment);
    char out[4200], in[4200];
    int rc = export_tmp(c, me->is_hub ? site : 0, out, sizeof out, e);
    if (rc) return rc;
    rc = send_file(to, out, e);
    unlink(out);
    if (rc) return rc;
    if (!fgets(line, sizeof line, from))
        return err_set(e, ST_EIO, "Mất kết nối khi bên kia đang nhận");
    cli_chomp(line);
    int ra, rs, rw, rcf;
    if (strncmp(line, "REFUSED ", 8) == 0)
        return err_set(e, ST_EINVAL, "Bên kia (trạm số %d) từ chối: %s", site, line + 8);
    if (sscanf(line, "RESULT %d %d %d %d", &ra, &rs, &rw, &rcf) != 4)
        return err_set(e, ST_EIO, "Bên kia trả lời không rõ: %.200s", line);
    printf("Trạm số %d đã nhận: %d thay đổi mới, %d đã có, %d chờ phần còn thiếu, %d xung đột.\n",
           site, ra, rs, rw, rcf);
    if ((rc = recv_file(from, sync_max_bytes(c->db), in, sizeof in, e))) return rc;
    int got_from = 0;
    sync_result r;
    if ((rc = import_tmp(c, in, &got_from, &r, e))) return rc;
    printf("Đã nhận từ trạm số %d: %d thay đổi mới, %d đã có, %d chờ phần còn thiếu, "
           "%d xung đột.\n", got_from, r.changes_applied, r.changes_skipped, r.changes_waiting,
           r.conflicts);
    return ST_OK;
}

int cli_sync_ssh(cli_ctx *c, int argc, char **argv)
{
    cli_args a;
    int rc = cli_parse(c, argc, argv, NULL,
        "Cách dùng: sangtao sync ssh [NGƯỜI_DÙNG@]MÁY\n"
        "Trao đổi hai chiều qua ssh khi có mạng (quản trị viên): chạy \"sangtao sync\n"
        "serve\" ở MÁY bằng OpenSSH (sync.ssh_command, sync.remote_command), gửi tệp\n"
        "trao đổi cho bên kia rồi nhận tệp của bên kia.  Ngắt giữa chừng không hỏng gì:\n"
        "mỗi bên chỉ nhận tệp đã đủ và đúng chữ ký; chạy lại là bù đủ.\n", 1, 1, &a);
    if (rc != -1) return rc;
    const char *host = a.pos[0];
    if (!host[0] || host[0] == '-' || strpbrk(host, " \t\r\n'\"\\;|&$`<>()"))
        return cli_usage_error(c, "tên máy không hợp lệ: %.60s", host);
    if ((rc = cli_session(c))) return rc;
    if ((rc = cli_need_admin(c, "trao đổi qua ssh"))) return rc;
    const char *prog = config_str(c->cfg, "sync.ssh_command");
    if (prog[0] != '/') return cli_error("sync.ssh_command phải là đường dẫn tuyệt đối (%s)", prog);
    st_err e;
    err_clear(&e);
    sync_me me;
    if (site_me(c->db, &me, &e)) return cli_fail(&e);
    memset(me.sk, 0, sizeof me.sk);
    int to_fd, from_fd;
    pid_t pid = spawn(prog, host, config_str(c->cfg, "sync.remote_command"), &to_fd, &from_fd, &e);
    if (pid < 0) return cli_fail(&e);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    FILE *to = fdopen(to_fd, "wb"), *from = fdopen(from_fd, "rb");
    if (!to || !from) rc = err_set(&e, ST_EIO, "%s", strerror(errno));
    else rc = talk(c, &me, to, from, &e);
    if (to) fclose(to); else close(to_fd);
    if (from) fclose(from); else close(from_fd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    signal(SIGPIPE, old);
    if (rc) return cli_fail(&e);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return cli_error("%s kết thúc với lỗi (mã %d)", prog,
                         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return CLI_OK;
}
