extension PythonModules {
  /// `logging` as threading programs use it, after `Lib/logging/__init__.py`: levels, `basicConfig`, loggers
  /// (children of the root, which they propagate to), `Formatter` with `%`-style records (`threadName`,
  /// `asctime`, `relativeCreated`, ...), and a `StreamHandler` that writes under its own `RLock`, as CPython's
  /// does, so that threads that log contend for it.
  static let logging = #"""
    import sys
    import threading
    import time
    import os
    import _giltutor_processes

    CRITICAL = 50
    FATAL = CRITICAL
    ERROR = 40
    WARNING = 30
    WARN = WARNING
    INFO = 20
    DEBUG = 10
    NOTSET = 0
    _levelToName = {CRITICAL: "CRITICAL", ERROR: "ERROR", WARNING: "WARNING", INFO: "INFO", DEBUG: "DEBUG",
                    NOTSET: "NOTSET"}
    _nameToLevel = {"CRITICAL": CRITICAL, "FATAL": FATAL, "ERROR": ERROR, "WARN": WARNING, "WARNING": WARNING,
                    "INFO": INFO, "DEBUG": DEBUG, "NOTSET": NOTSET}
    BASIC_FORMAT = "%(levelname)s:%(name)s:%(message)s"
    _startTime = time.time()


    def getLevelName(level):
        if level in _levelToName:
            return _levelToName[level]
        if level in _nameToLevel:
            return _nameToLevel[level]
        return "Level %s" % level


    def _checkLevel(level):
        if isinstance(level, int):
            return level
        if level in _nameToLevel:
            return _nameToLevel[level]
        raise ValueError("Unknown level: %r" % level)


    def _civil(seconds):
        # The UTC date and time of `seconds` since 1970 (time.time()'s clock starts at 2026-01-01 00:00 UTC).
        days = int(seconds // 86400)
        rest = int(seconds - days * 86400)
        z = days + 719468
        era = z // 146097
        doe = z - era * 146097
        yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
        doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
        mp = (5 * doy + 2) // 153
        day = doy - (153 * mp + 2) // 5 + 1
        month = mp + 3 if mp < 10 else mp - 9
        year = yoe + era * 400 + (1 if month <= 2 else 0)
        return year, month, day, rest // 3600, rest // 60 % 60, rest % 60


    def _strftime(fmt, seconds):
        year, month, day, hour, minute, second = _civil(seconds)
        values = {"Y": "%04d" % year, "y": "%02d" % (year % 100), "m": "%02d" % month, "d": "%02d" % day,
                  "H": "%02d" % hour, "M": "%02d" % minute, "S": "%02d" % second, "%": "%"}
        out = ""
        i = 0
        while i < len(fmt):
            c = fmt[i]
            if c == "%" and i + 1 < len(fmt) and fmt[i + 1] in values:
                out += values[fmt[i + 1]]
                i += 2
            else:
                out += c
                i += 1
        return out


    class LogRecord:
        def __init__(self, name, level, msg, args):
            ct = time.time()
            self.name = name
            self.msg = msg
            self.args = args
            self.levelname = getLevelName(level)
            self.levelno = level
            self.created = ct
            self.msecs = int((ct - int(ct)) * 1000) + 0.0
            self.relativeCreated = (ct - _startTime) * 1000
            current = threading.current_thread()
            self.thread = threading.get_ident()
            self.threadName = current.name
            self.process = os.getpid()
            self.processName = _giltutor_processes.process_name()
            self.taskName = None
            self.exc_info = None
            self.exc_text = None
            self.stack_info = None

        def getMessage(self):
            msg = str(self.msg)
            if self.args:
                msg = msg % self.args
            return msg


    class Formatter:
        default_time_format = "%Y-%m-%d %H:%M:%S"
        default_msec_format = "%s,%03d"

        def __init__(self, fmt=None, datefmt=None, style="%"):
            self._fmt = fmt if fmt is not None else "%(message)s"
            self.datefmt = datefmt

        def formatTime(self, record, datefmt=None):
            if datefmt:
                return _strftime(datefmt, record.created)
            return self.default_msec_format % (_strftime(self.default_time_format, record.created), record.msecs)

        def usesTime(self):
            return "%(asctime)" in self._fmt

        def format(self, record):
            record.message = record.getMessage()
            if self.usesTime():
                record.asctime = self.formatTime(record, self.datefmt)
            return self._fmt % record.__dict__


    _defaultFormatter = Formatter()


    class Handler:
        def __init__(self, level=NOTSET):
            self.level = _checkLevel(level)
            self.formatter = None
            self.lock = threading.RLock()

        def setLevel(self, level):
            self.level = _checkLevel(level)

        def setFormatter(self, fmt):
            self.formatter = fmt

        def format(self, record):
            return (self.formatter or _defaultFormatter).format(record)

        def handle(self, record):
            with self.lock:
                self.emit(record)


    class StreamHandler(Handler):
        terminator = "\n"

        def __init__(self, stream=None):
            Handler.__init__(self)
            self.stream = stream if stream is not None else sys.stderr

        def emit(self, record):
            msg = self.format(record)
            self.stream.write(msg + self.terminator)
            self.stream.flush()


    class Logger:
        def __init__(self, name, level=NOTSET):
            self.name = name
            self.level = _checkLevel(level)
            self.handlers = []
            self.propagate = True
            self.disabled = False

        def setLevel(self, level):
            self.level = _checkLevel(level)

        def addHandler(self, handler):
            if handler not in self.handlers:
                self.handlers.append(handler)

        def removeHandler(self, handler):
            if handler in self.handlers:
                self.handlers.remove(handler)

        def getEffectiveLevel(self):
            if self.level:
                return self.level
            return root.level

        def isEnabledFor(self, level):
            return not self.disabled and level >= self.getEffectiveLevel()

        def _log(self, level, msg, args):
            record = LogRecord(self.name, level, msg, args)
            found = 0
            for logger in (self, root) if self is not root and self.propagate else (self,):
                for handler in logger.handlers:
                    found += 1
                    if record.levelno >= handler.level:
                        handler.handle(record)
            if not found and record.levelno >= lastResort.level:
                lastResort.handle(record)

        def log(self, level, msg, *args, **kwargs):
            if self.isEnabledFor(level):
                self._log(level, msg, args)

        def debug(self, msg, *args, **kwargs):
            if self.isEnabledFor(DEBUG):
                self._log(DEBUG, msg, args)

        def info(self, msg, *args, **kwargs):
            if self.isEnabledFor(INFO):
                self._log(INFO, msg, args)

        def warning(self, msg, *args, **kwargs):
            if self.isEnabledFor(WARNING):
                self._log(WARNING, msg, args)

        def error(self, msg, *args, **kwargs):
            if self.isEnabledFor(ERROR):
                self._log(ERROR, msg, args)

        def exception(self, msg, *args, **kwargs):
            if self.isEnabledFor(ERROR):
                self._log(ERROR, msg, args)

        def critical(self, msg, *args, **kwargs):
            if self.isEnabledFor(CRITICAL):
                self._log(CRITICAL, msg, args)

        warn = warning
        fatal = critical


    root = Logger("root", WARNING)
    _loggers = {}
    lastResort = StreamHandler()
    lastResort.level = WARNING


    def getLogger(name=None):
        if not name or name == "root":
            return root
        if name not in _loggers:
            _loggers[name] = Logger(name)
        return _loggers[name]


    def basicConfig(**kwargs):
        force = kwargs.get("force", False)
        if force:
            root.handlers = []
        if root.handlers:
            return
        handler = StreamHandler(kwargs.get("stream"))
        handler.setFormatter(Formatter(kwargs.get("format", BASIC_FORMAT), kwargs.get("datefmt")))
        root.addHandler(handler)
        if "level" in kwargs:
            root.setLevel(kwargs["level"])


    def _configured():
        if not root.handlers:
            basicConfig()


    def debug(msg, *args, **kwargs):
        _configured()
        root.debug(msg, *args)


    def info(msg, *args, **kwargs):
        _configured()
        root.info(msg, *args)


    def warning(msg, *args, **kwargs):
        _configured()
        root.warning(msg, *args)


    def error(msg, *args, **kwargs):
        _configured()
        root.error(msg, *args)


    def exception(msg, *args, **kwargs):
        _configured()
        root.error(msg, *args)


    def critical(msg, *args, **kwargs):
        _configured()
        root.critical(msg, *args)


    def log(level, msg, *args, **kwargs):
        _configured()
        root.log(level, msg, *args)


    warn = warning
    fatal = critical

    """#
}
