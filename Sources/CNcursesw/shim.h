// The parts of ncursesw that giltutor's Terminal module uses, made visible to Swift 6.
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE, which hides the wide-character API: ask for it here.
#ifndef GILTUTOR_CNCURSESW_SHIM_H
#define GILTUTOR_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <curses.h>

// Globals and macros Swift 6 cannot import or rejects as not concurrency-safe.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline FILE *cn_stdout(void) { return stdout; }
static inline FILE *cn_stdin(void) { return stdin; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline int cn_key_f(int n) { return KEY_F(n); }
static inline mmask_t cn_wheel_up(void) { return BUTTON4_PRESSED; }
#if defined(BUTTON5_PRESSED)
static inline mmask_t cn_wheel_down(void) { return BUTTON5_PRESSED; }
#else
static inline mmask_t cn_wheel_down(void) { return 0; }
#endif
static inline mmask_t cn_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }

/// Sets `cell` to one character (plus combining marks) with attributes and a colour pair.
static inline int cn_setcell(cchar_t *cell, const wchar_t *text, attr_t attrs, short pair) {
  return setcchar(cell, text, attrs, pair, NULL);
}
#endif
