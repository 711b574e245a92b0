#define _GNU_SOURCE
#include "CTerminalGuard.h"
#include <fcntl.h>
#include <poll.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static volatile atomic_int pending = 0;
static void (*restore_hook)(void) = 0;
static volatile atomic_int restored = 0;
static int chain_previous = 0;

static const int soft_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static const int fatal_signals[] = {SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT};
#define SOFT_COUNT (sizeof soft_signals / sizeof soft_signals[0])
#define FATAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])
static struct sigaction previous_soft[SOFT_COUNT];
static struct sigaction previous_fatal[FATAL_COUNT];
static int installed = 0;

static void on_soft(int sig) { atomic_store(&pending, sig); }

// The terminal's stderr while stderr goes to the log (-1 otherwise), and the log's path, for the crash note.
static int terminal_stderr = -1;
static char log_path[1024];

static size_t text_length(const char *text) {
  size_t n = 0;
  while (text[n]) n++;
  return n;
}

static void put(int fd, const char *text) {
  if (fd >= 0) (void)!write(fd, text, text_length(text));
}

static const char *signal_name(int sig) {
  switch (sig) {
  case SIGILL: return "SIGILL";
  case SIGTRAP: return "SIGTRAP";
  case SIGSEGV: return "SIGSEGV";
  case SIGBUS: return "SIGBUS";
  case SIGFPE: return "SIGFPE";
  case SIGABRT: return "SIGABRT";
  default: return "a signal";
  }
}

static void on_fatal(int sig, siginfo_t *info, void *context) {
  (void)info;
  (void)context;
  if (restore_hook && atomic_exchange(&restored, 1) == 0) {
    restore_hook();
    // Async-signal-safe writes only: one line in the log (after Swift's "Fatal error: ..." when there is one;
    // an optimised trap has none), one on the restored terminal saying where to look.
    put(2, "giltutor: crashed with ");
    put(2, signal_name(sig));
    put(2, "; the terminal was restored\n");
    if (terminal_stderr >= 0) {
      put(terminal_stderr, "giltutor: crashed with ");
      put(terminal_stderr, signal_name(sig));
      put(terminal_stderr, "; the message is in ");
      put(terminal_stderr, log_path);
      put(terminal_stderr, "\n");
    }
  }
  for (unsigned i = 0; i < FATAL_COUNT; i++) {
    if (fatal_signals[i] != sig) continue;
    if (chain_previous) {
      sigaction(sig, &previous_fatal[i], 0);
    } else {
      // Swift's backtracer would print over the restored screen and wait for a key: die plainly instead.
      struct sigaction plain;
      memset(&plain, 0, sizeof plain);
      plain.sa_handler = SIG_DFL;
      sigemptyset(&plain.sa_mask);
      sigaction(sig, &plain, 0);
    }
  }
  // A hardware fault re-faults on return and now reaches the previous handler; others are raised again.
  if (sig == SIGABRT || sig == SIGTRAP) raise(sig);
}

void tg_install(void (*restore)(void), int chain) {
  if (installed) return;
  chain_previous = chain;
  restore_hook = restore;
  atomic_store(&restored, 0);
  atomic_store(&pending, 0);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_handler = on_soft;
  for (unsigned i = 0; i < SOFT_COUNT; i++) sigaction(soft_signals[i], &action, &previous_soft[i]);
  struct sigaction fatal;
  memset(&fatal, 0, sizeof fatal);
  sigemptyset(&fatal.sa_mask);
  fatal.sa_sigaction = on_fatal;
  fatal.sa_flags = SA_SIGINFO;
  for (unsigned i = 0; i < FATAL_COUNT; i++) sigaction(fatal_signals[i], &fatal, &previous_fatal[i]);
  // A parent may have left signals blocked (threads of test runners do): the interface needs these delivered.
  sigset_t wanted;
  sigemptyset(&wanted);
  for (unsigned i = 0; i < SOFT_COUNT; i++) sigaddset(&wanted, soft_signals[i]);
  for (unsigned i = 0; i < FATAL_COUNT; i++) sigaddset(&wanted, fatal_signals[i]);
  sigaddset(&wanted, SIGWINCH);
  sigaddset(&wanted, SIGTSTP);
  sigaddset(&wanted, SIGCONT);
  sigprocmask(SIG_UNBLOCK, &wanted, 0);
  installed = 1;
}

int tg_input_hung_up(void) {
  struct pollfd fd = {.fd = 0, .events = POLLIN, .revents = 0};
  if (poll(&fd, 1, 0) < 0) return 0;
  return (fd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void tg_set_pending_signal(int sig) { atomic_store(&pending, sig); }

void tg_uninstall(void) {
  if (!installed) return;
  for (unsigned i = 0; i < SOFT_COUNT; i++) sigaction(soft_signals[i], &previous_soft[i], 0);
  for (unsigned i = 0; i < FATAL_COUNT; i++) sigaction(fatal_signals[i], &previous_fatal[i], 0);
  installed = 0;
  restore_hook = 0;
}

int tg_pending_signal(void) { return atomic_load(&pending); }

int tg_setlocale_from_environment(void) {
  if (!setlocale(LC_ALL, "")) setlocale(LC_CTYPE, "C.UTF-8");
  const char *codeset = nl_langinfo(CODESET);
  return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

int tg_redirect_stderr(const char *path) {
  int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  int saved = dup(2);
  dup2(fd, 2);
  close(fd);
  if (saved >= 0 && text_length(path) < sizeof log_path) {
    memcpy(log_path, path, text_length(path) + 1);
    terminal_stderr = saved;
  }
  return saved;
}

void tg_restore_stderr(int saved) {
  if (saved < 0) return;
  if (saved == terminal_stderr) terminal_stderr = -1;
  dup2(saved, 2);
  close(saved);
}

int tg_isatty(int fd) { return isatty(fd); }

// Passing signals on to a child that shares giltutor's process group (giltutor record).
static volatile atomic_int forward_pid = 0;
static volatile atomic_int forward_received = 0;
static const int forward_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define FORWARD_COUNT (sizeof forward_signals / sizeof forward_signals[0])
static struct sigaction previous_forward[FORWARD_COUNT];
static int forwarding = 0;

static void on_forward(int sig, siginfo_t *info, void *context) {
  (void)context;
  atomic_store(&forward_received, sig);
#ifdef SI_KERNEL
  // From the terminal (Ctrl-C, Ctrl-\, a hang-up): the child, in the same foreground group, has it already.
  if (info && info->si_code == SI_KERNEL) return;
#else
  (void)info;
#endif
  int pid = atomic_load(&forward_pid);
  if (pid > 0) kill(pid, sig);
}

void tg_forward_begin(void) {
  if (forwarding) return;
  atomic_store(&forward_pid, 0);
  atomic_store(&forward_received, 0);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_sigaction = on_forward;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigset_t wanted;
  sigemptyset(&wanted);
  for (unsigned i = 0; i < FORWARD_COUNT; i++) {
    sigaction(forward_signals[i], 0, &previous_forward[i]);
    // A signal ignored by whoever started giltutor (nohup, a background job) stays ignored, for the child too.
    if (!(previous_forward[i].sa_flags & SA_SIGINFO) && previous_forward[i].sa_handler == SIG_IGN) continue;
    sigaction(forward_signals[i], &action, 0);
    sigaddset(&wanted, forward_signals[i]);
  }
  sigprocmask(SIG_UNBLOCK, &wanted, 0);
  forwarding = 1;
}

void tg_forward_to(int pid) {
  atomic_store(&forward_pid, pid);
  // A signal that came before the child existed is passed on now (it may come twice: harmless).
  int sig = atomic_load(&forward_received);
  if (pid > 0 && sig) kill(pid, sig);
}

void tg_forward_end(void) {
  if (!forwarding) return;
  atomic_store(&forward_pid, 0);
  for (unsigned i = 0; i < FORWARD_COUNT; i++) sigaction(forward_signals[i], &previous_forward[i], 0);
  forwarding = 0;
}
