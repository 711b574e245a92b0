import CNcursesw
import CTerminalGuard
import TerminalUI

#if canImport(Glibc)
  import Glibc
#endif

/// How many colours to use.
public enum ColorMode: Sendable, Equatable {
  /// As many as the terminal has (256, 16 or 8; none when it has none).
  case automatic
  /// Attributes only (bold, dim, underline, reverse): NO_COLOR or `--no-color`.
  case monochrome
}

/// The only code that touches ncurses: terminal set-up and restoration, the signal and crash guard, key decoding
/// and a frame flush that writes just the cells that changed since the last frame.
public final class Terminal: TerminalDevice {
  /// Why the interface cannot start here, or nil when it can: stdin and stdout must be terminals and TERM must be
  /// set and not `dumb`.
  public enum Refusal: Sendable, Equatable { case notATerminal, dumbTerminal }

  public static func refusal(environment: [String: String]) -> Refusal? {
    if tg_isatty(0) == 0 || tg_isatty(1) == 0 { return .notATerminal }
    let term = environment["TERM"] ?? ""
    if term.isEmpty || term == "dumb" { return .dumbTerminal }
    return nil
  }

  /// Sets the C library's locale from LC_ALL, LC_CTYPE and LANG, as ncurses needs before it starts, and says
  /// whether its character set is UTF-8: the interface then draws with Unicode glyphs, otherwise with ASCII. (Text
  /// widths do not depend on it: `TextWidth` has its own tables.)
  @discardableResult
  public static func setLocaleFromEnvironment() -> Bool {
    tg_setlocale_from_environment() != 0
  }

  private var screen: OpaquePointer?
  private var decoder = KeyDecoder()
  private var previous: CellGrid?
  private var savedStderr: Int32 = -1
  private var pairs: [Role: (attr: attr_t, pair: Int16)] = [:]

  public init() {}

  /// Starts curses on the alternate screen. `logPath` receives stderr while the interface is up (Swift's fatal
  /// error messages among it). Returns false when the terminal cannot be initialised.
  /// `backtrace`: let Swift's crash reporter run after the terminal is restored (when the user asked for it with
  /// SWIFT_BACKTRACE); otherwise a crash ends the process plainly (its message is in the log).
  public func start(colorMode: ColorMode, mouse: Bool, logPath: String?, backtrace: Bool = false) -> Bool {
    tg_install(terminalGuardRestore, backtrace ? 1 : 0)
    if let logPath { savedStderr = tg_redirect_stderr(logPath) }
    guard let screen = newterm(nil, cn_stdout(), cn_stdin()) else {
      stop()
      return false
    }
    self.screen = screen
    _ = set_term(screen)
    _ = cbreak()
    _ = noecho()
    _ = nonl()
    // Ctrl-S and Ctrl-Q are keys here, not flow control that would freeze the screen (htop and less do the same).
    // The mode becomes ncurses' program mode, so it holds after a suspend; endwin puts the shell's back.
    var modes = termios()
    if tcgetattr(1, &modes) == 0 {
      modes.c_iflag &= ~tcflag_t(IXON)
      _ = tcsetattr(1, TCSADRAIN, &modes)
      _ = def_prog_mode()
    }
    _ = keypad(cn_stdscr(), true)
    _ = curs_set(0)
    _ = set_escdelay(25)
    wtimeout(cn_stdscr(), -1)
    if mouse { _ = mousemask(cn_wheel_up() | cn_wheel_down() | cn_button1_clicked(), nil) }
    setUpColors(colorMode)
    previous = nil
    // ncurses switches the terminal to keypad (application cursor) mode on the first read: do that read now, so
    // that keys pressed right after the first frame are already sent in the mode ncurses decodes.
    wtimeout(cn_stdscr(), 0)
    let early = wgetch(cn_stdscr())
    if early != ERR { _ = ungetch(early) }
    return true
  }

  /// Restores the terminal. Safe to call more than once.
  public func stop() {
    if let screen {
      _ = endwin()
      delscreen(screen)
      self.screen = nil
    }
    tg_uninstall()
    tg_restore_stderr(savedStderr)
    savedStderr = -1
  }

  /// The terminal's size in columns and rows.
  public var size: (width: Int, height: Int) { (Int(cn_cols()), Int(cn_lines())) }

  /// The terminating signal received (SIGINT, SIGTERM, SIGHUP, SIGQUIT), or nil.
  public var pendingSignal: Int32? {
    let signal = tg_pending_signal()
    return signal == 0 ? nil : signal
  }

  /// Waits up to `timeoutMilliseconds` (forever when negative) for input. Nil on timeout, when a signal
  /// arrived (check `pendingSignal`) or when what arrived was dropped (an invalid byte, an unknown escape
  /// sequence).
  public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
    decoder.next { continuation in
      let window = cn_stdscr()
      wtimeout(window, Int32(continuation ? KeyDecoder.continuationMilliseconds : timeoutMilliseconds))
      // Bytes, not wget_wch: its UTF-8 state stays broken after one invalid byte, and then every later
      // character fails. KeyDecoder decodes UTF-8 and drops what is invalid.
      let code = wgetch(window)
      if code == ERR {
        // The terminal went away without a SIGHUP reaching us: behave as if it had, rather than spin.
        if tg_pending_signal() == 0 && tg_input_hung_up() != 0 { tg_set_pending_signal(SIGHUP) }
        return .nothing
      }
      if (0..<256).contains(code) { return .byte(UInt8(code)) }
      return special(code).map { .event($0) } ?? .ignored
    }
  }

  /// ncurses' codes of the keys the interface knows by name.
  private static let namedKeys: [Int32: Key] = [
    KEY_UP: .up, KEY_DOWN: .down, KEY_LEFT: .left, KEY_RIGHT: .right, KEY_SLEFT: .shiftLeft,
    KEY_SRIGHT: .shiftRight, KEY_PPAGE: .pageUp, KEY_NPAGE: .pageDown, KEY_HOME: .home, KEY_END: .end,
    KEY_ENTER: .enter, KEY_BACKSPACE: .backspace,
  ]

  private func special(_ code: Int32) -> InputEvent? {
    if let key = Self.namedKeys[code] { return .key(key) }
    switch code {
    case KEY_RESIZE:
      previous = nil
      return .resize(width: Int(cn_cols()), height: Int(cn_lines()))
    case KEY_MOUSE:
      var event = MEVENT()
      guard getmouse(&event) == OK else { return nil }
      if event.bstate & cn_wheel_up() != 0 { return .mouse(.wheelUp) }
      if cn_wheel_down() != 0 && event.bstate & cn_wheel_down() != 0 { return .mouse(.wheelDown) }
      if event.bstate & cn_button1_clicked() != 0 { return .mouse(.click(x: Int(event.x), y: Int(event.y))) }
      return nil
    default:
      for n in 1...12 where code == cn_key_f(Int32(n)) { return .key(.function(n)) }
      return nil
    }
  }

  /// Forgets the last frame and clears the screen, so that the next `draw` writes every cell.
  public func invalidate() {
    previous = nil
    _ = clearok(cn_stdscr(), true)
  }

  /// Writes the cells of `grid` that differ from the last frame, then updates the terminal.
  public func draw(_ grid: CellGrid) {
    let window = cn_stdscr()
    let changed = grid.changes(since: previous)
    if previous == nil || previous?.width != grid.width || previous?.height != grid.height { _ = werase(window) }
    var cell = cchar_t()
    for index in changed {
      let c = grid.cells[index]
      if c.isContinuation { continue }
      let x = Int32(index % grid.width)
      let y = Int32(index / grid.width)
      let (attr, pair) = attributes(c.style)
      var text = Array(c.printableCharacter.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) })
      text.append(0)
      _ = cn_setcell(&cell, text, attr, pair)
      _ = wmove(window, y, x)
      _ = wadd_wch(window, &cell)
    }
    _ = wnoutrefresh(window)
    _ = doupdate()
    previous = grid
  }

  private func attributes(_ style: Style) -> (attr_t, Int16) {
    var (attr, pair) = pairs[style.role] ?? (cn_a_normal(), 0)
    if style.reverse { attr |= cn_a_reverse() }
    return (attr, pair)
  }

  private func setUpColors(_ mode: ColorMode) {
    pairs = [:]
    let bold = cn_a_bold()
    let dim = cn_a_dim()
    let underline = cn_a_underline()
    let reverse = cn_a_reverse()
    // Attributes alone (monochrome): the meaning is in the glyphs; these only help.
    let mono: [Role: attr_t] = [
      .title: bold, .heading: bold, .strong: bold, .emphasis: underline, .code: bold, .keyword: bold,
      .dim: dim, .comment: dim, .gil: bold, .cursor: reverse, .highlight: reverse, .status: reverse, .error: bold,
      .key: bold, .running: bold,
    ]
    for (role, attr) in mono { pairs[role] = (attr, 0) }
    guard mode == .automatic, has_colors() else { return }
    _ = start_color()
    _ = use_default_colors()
    let colors = Int(cn_colors())
    let rich = colors >= 256
    let bright = colors >= 16
    // (role, foreground for 8, 16, 256 colours, extra attributes)
    let table: [(Role, Int16, Int16, Int16, attr_t)] = [
      (.title, Int16(COLOR_CYAN), 14, 45, bold),
      (.heading, Int16(COLOR_CYAN), 14, 39, bold),
      (.emphasis, Int16(COLOR_YELLOW), 11, 221, 0),
      (.strong, -1, -1, -1, bold),
      (.code, Int16(COLOR_GREEN), 10, 114, 0),
      (.keyword, Int16(COLOR_MAGENTA), 13, 170, bold),
      (.string, Int16(COLOR_YELLOW), 11, 180, 0),
      (.comment, Int16(COLOR_BLUE), 12, 244, 0),
      (.dim, Int16(COLOR_BLUE), 8, 244, 0),
      (.running, Int16(COLOR_GREEN), 10, 40, bold),
      (.builtin, Int16(COLOR_GREEN), 2, 28, 0),
      (.native, Int16(COLOR_CYAN), 6, 37, 0),
      (.waiting, Int16(COLOR_RED), 9, 203, 0),
      (.io, Int16(COLOR_BLUE), 12, 75, 0),
      (.sleeping, Int16(COLOR_BLUE), 4, 68, 0),
      (.lockWait, Int16(COLOR_MAGENTA), 5, 133, 0),
      (.runnable, Int16(COLOR_YELLOW), 3, 178, 0),
      (.finished, -1, 8, 242, 0),
      (.gil, Int16(COLOR_YELLOW), 11, 220, bold),
      (.key, Int16(COLOR_YELLOW), 11, 220, bold),
      (.border, Int16(COLOR_BLUE), 12, 67, 0),
      (.error, Int16(COLOR_RED), 9, 196, bold),
      (.cursor, -1, -1, -1, reverse),
      (.highlight, -1, -1, -1, reverse),
      (.status, -1, -1, -1, reverse),
    ]
    var next: Int16 = 1
    for (role, c8, c16, c256, extra) in table {
      let foreground = rich ? c256 : bright ? c16 : c8
      if foreground < 0 {
        pairs[role] = (extra, 0)
        continue
      }
      _ = init_pair(next, foreground, -1)
      pairs[role] = (extra, next)
      next += 1
    }
  }
}

/// Called from the crash handler: puts the terminal back before the process dies.
private func terminalGuardRestore() {
  _ = endwin()
}
