// Signal and crash guard for giltutor's terminal interface, and the C library's character width.
#ifndef GILTUTOR_CTERMINALGUARD_H
#define GILTUTOR_CTERMINALGUARD_H
#include <stdint.h>

/// Installs handlers: SIGINT, SIGTERM, SIGHUP and SIGQUIT only record the signal (read it with
/// `tg_pending_signal`); unblocks them and SIGWINCH/SIGTSTP/SIGCONT (a parent may have left them blocked);
/// SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE and SIGABRT call the restore hook once, write a line naming the signal
/// to stderr (the log) and one pointing to the log on the terminal, then let the fault proceed with the previous
/// handler when `chain` is set (Swift's backtracer), else with the default action (so a Swift trap still crashes,
/// but on a restored terminal and without an interactive crash report over it).
void tg_install(void (*restore)(void), int chain);
/// 1 when the terminal on stdin has gone away (hang-up or error), so reads would fail at once forever.
int tg_input_hung_up(void);
/// Records `sig` as if it had been received.
void tg_set_pending_signal(int sig);
/// Removes the handlers installed by `tg_install`, restoring the previous ones.
void tg_uninstall(void);
/// The last terminating signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or 0.
int tg_pending_signal(void);
/// Sets the locale from the environment (LC_ALL, LC_CTYPE, LANG); returns 1 when its codeset is UTF-8.
int tg_setlocale_from_environment(void);
/// Redirects file descriptor 2 to `path` (appending); returns a descriptor for the old stderr, or -1. A crash
/// tells the old stderr that its message is in `path`.
int tg_redirect_stderr(const char *path);
/// Restores stderr from a descriptor returned by `tg_redirect_stderr`.
void tg_restore_stderr(int saved);
/// 1 when file descriptor `fd` is a terminal.
int tg_isatty(int fd);
/// While a child runs (giltutor record): SIGINT, SIGTERM, SIGHUP and SIGQUIT are recorded and passed on to the
/// child given to `tg_forward_to`, except those from the terminal (which the child, in the same foreground
/// process group, gets itself), so giltutor waits for the child instead of dying; ignored ones stay ignored.
void tg_forward_begin(void);
/// The child to pass signals on to (0: none); a signal received before is passed on at once.
void tg_forward_to(int pid);
/// Restores the handlers replaced by `tg_forward_begin`.
void tg_forward_end(void);
#endif
