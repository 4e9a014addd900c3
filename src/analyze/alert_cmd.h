/*
 * alert_cmd.h - running an alert command without a shell.
 *
 * The command line of alerts.conf's alert_command is split into words by
 * these rules, and nothing else: words are separated by spaces or tabs;
 * '...' quotes literally; "..." quotes with \" and \\ as the only escapes;
 * a backslash outside quotes escapes the next character.  There is no
 * variable expansion, globbing, redirection, pipe or command separator
 * ($, *, >, |, ; are ordinary characters).  The first word is the program,
 * looked up in PATH if it has no '/'.
 *
 * att_alert_exec runs it (posix_spawnp, in its own process group) with
 * the alert's JSON and a newline on standard input and ATTACHE_ALERT_ID
 * in its environment, and waits at most timeout_s seconds: past that the
 * process group is killed.  Success is exit status 0.
 *
 * Ownership: att_alert_argv's *argv is one malloc'd block (free it once).
 * Errors: ATT_ERR_FORMAT for a bad command line (unterminated quote,
 * empty), ATT_ERR_IO when the command cannot start, fails or times out -
 * with a one-line message.
 */
#ifndef ATT_ALERT_CMD_H
#define ATT_ALERT_CMD_H

#include <stddef.h>
#include <stdint.h>

#include "../util/status.h"

att_status att_alert_argv(const char *cmd, char ***argv, char *err, size_t errlen);

att_status att_alert_exec(char *const *argv, const char *json, int64_t alert_id, int timeout_s,
                          char *err, size_t errlen);

#endif
