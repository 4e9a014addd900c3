/* alert_cmd.c - alert commands run without a shell; see alert_cmd.h. */
#include "alert_cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

att_status att_alert_argv(const char *cmd, char ***argv, char *err, size_t errlen)
{
    *argv = NULL;
    size_t n = strlen(cmd);
    /* at most n/2+1 words; the words' bytes fit in n+1 + one NUL each */
    size_t max_words = n / 2 + 2;
    char **v = malloc(max_words * sizeof *v + 2 * n + 2);
    if (!v)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    char *out = (char *)(v + max_words);
    size_t nw = 0, i = 0;
    for (;;) {
        while (cmd[i] == ' ' || cmd[i] == '\t')
            i++;
        if (!cmd[i])
            break;
        v[nw++] = out;
        while (cmd[i] && cmd[i] != ' ' && cmd[i] != '\t') {
            char c = cmd[i++];
            if (c == '\'') {
                while (cmd[i] && cmd[i] != '\'')
                    *out++ = cmd[i++];
                if (!cmd[i])
                    goto unterminated;
                i++;
            } else if (c == '"') {
                while (cmd[i] && cmd[i] != '"') {
                    if (cmd[i] == '\\' && (cmd[i + 1] == '"' || cmd[i + 1] == '\\'))
                        i++;
                    *out++ = cmd[i++];
                }
                if (!cmd[i])
                    goto unterminated;
                i++;
            } else if (c == '\\' && cmd[i]) {
                *out++ = cmd[i++];
            } else {
                *out++ = c;
            }
        }
        *out++ = '\0';
    }
    if (nw == 0) {
        free(v);
        return att_seterr(err, errlen, ATT_ERR_FORMAT, "empty command");
    }
    v[nw] = NULL;
    *argv = v;
    return ATT_OK;
unterminated:
    free(v);
    return att_seterr(err, errlen, ATT_ERR_FORMAT, "unterminated quote in command");
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

att_status att_alert_exec(char *const *argv, const char *json, int64_t alert_id, int timeout_s,
                          char *err, size_t errlen)
{
    /* the environment plus ATTACHE_ALERT_ID (replacing an inherited one) */
    size_t ne = 0;
    while (environ[ne])
        ne++;
    char **env = malloc((ne + 2) * sizeof *env);
    char idvar[48];
    if (!env)
        return att_seterr(err, errlen, ATT_ERR_NOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < ne; i++)
        if (strncmp(environ[i], "ATTACHE_ALERT_ID=", 17) != 0)
            env[k++] = environ[i];
    snprintf(idvar, sizeof idvar, "ATTACHE_ALERT_ID=%lld", (long long)alert_id);
    env[k++] = idvar;
    env[k] = NULL;

    int pfd[2];
    if (pipe(pfd) != 0) {
        free(env);
        return att_seterr(err, errlen, ATT_ERR_IO, "'%s': pipe: %s", argv[0], strerror(errno));
    }
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pfd[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&fa, pfd[0]);
    posix_spawnattr_init(&at);
    posix_spawnattr_setpgroup(&at, 0);
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, &at, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    free(env);
    close(pfd[0]);
    if (rc != 0) {
        close(pfd[1]);
        return att_seterr(err, errlen, ATT_ERR_IO, "cannot run '%s': %s", argv[0], strerror(rc));
    }
    /* Feed the JSON without blocking past the deadline; a command that
     * does not read it is fine (EPIPE, with SIGPIPE ignored meanwhile). */
    struct sigaction ign, old;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ign, &old);
    fcntl(pfd[1], F_SETFL, O_NONBLOCK);
    double deadline = now_s() + (timeout_s > 0 ? timeout_s : 1);
    size_t len = strlen(json), off = 0;
    int timed_out = 0;
    while (off <= len) {
        const char *p = off < len ? json + off : "\n";
        size_t n = off < len ? len - off : 1;
        ssize_t w = write(pfd[1], p, n);
        if (w > 0) {
            off += (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && errno == EAGAIN) {
            double left = deadline - now_s();
            if (left <= 0) {
                timed_out = 1;
                break;
            }
            struct pollfd pf = {pfd[1], POLLOUT, 0};
            poll(&pf, 1, (int)(left * 1000) + 1);
            continue;
        }
        break; /* EPIPE: it stopped reading */
    }
    close(pfd[1]);
    sigaction(SIGPIPE, &old, NULL);
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return att_seterr(err, errlen, ATT_ERR_IO, "'%s': waitpid: %s", argv[0], strerror(errno));
        if (timed_out || now_s() >= deadline) {
            timed_out = 1;
            kill(-pid, SIGKILL);
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
            break;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (timed_out)
        return att_seterr(err, errlen, ATT_ERR_IO, "'%s' did not finish within %d s (killed)", argv[0],
                          timeout_s);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return att_seterr(err, errlen, ATT_ERR_IO, "'%s' could not be run (exit status 127)", argv[0]);
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
        return att_seterr(err, errlen, ATT_ERR_IO, "'%s' exited with status %d", argv[0],
                          WEXITSTATUS(status));
    if (WIFSIGNALED(status))
        return att_seterr(err, errlen, ATT_ERR_IO, "'%s' was killed by signal %d", argv[0],
                          WTERMSIG(status));
    return ATT_OK;
}
