/// Stand-ins for blocking I/O: `socket` and `urllib.request` as a program uses them, in Python over
/// `_giltutor_io.wait`, which releases the GIL for the call's latency as CPython's C code does around its system
/// call (`Py_BEGIN_ALLOW_THREADS` in `Modules/socketmodule.c`'s `sock_call_ex`). There is no network: a socket's
/// peer is an echo server (what a program sends comes back to its `recv`, and a `recv` with nothing sent finds the
/// peer gone, `b""`), a URL answers 200 with an empty body. Each call takes its documented default latency, or
/// the one a `# giltutor: io 200us` comment sets on the program's line that made it.
extension PythonModules {
  static let socket = #"""
    import _giltutor_io

    AF_INET = 2
    AF_INET6 = 10
    SOCK_STREAM = 1
    SOCK_DGRAM = 2

    # Default latencies, in seconds: a connection's handshake and a round trip to a server nearby (1 ms), a
    # send that the kernel buffers (20 us).
    _ROUND_TRIP = 0.001
    _SEND = 0.00002


    class timeout(OSError):
        pass


    class socket:
        def __init__(self, family=AF_INET, type=SOCK_STREAM, proto=0):
            self.family = family
            self.type = type
            self._echo = b""
            self._closed = False

        def connect(self, address):
            _giltutor_io.wait(_ROUND_TRIP, None)

        def settimeout(self, value):
            pass

        def setblocking(self, flag):
            pass

        def send(self, data):
            self._check()
            self._echo += data
            return _giltutor_io.wait(_SEND, len(data))

        def sendall(self, data):
            self._check()
            self._echo += data
            _giltutor_io.wait(_SEND, None)

        def recv(self, bufsize):
            self._check()
            data = self._echo[:bufsize]
            self._echo = self._echo[bufsize:]
            return _giltutor_io.wait(_ROUND_TRIP, data)

        def close(self):
            self._closed = True

        def _check(self):
            if self._closed:
                raise OSError("[Errno 9] Bad file descriptor")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()


    def create_connection(address, timeout=None, source_address=None):
        s = socket()
        s.connect(address)
        return s

    """#

  static let urllibRequest = #"""
    import _giltutor_io

    # Default latencies, in seconds: a request to a server on the internet until its answer's headers (50 ms),
    # then its body (1 ms).
    _REQUEST = 0.05
    _BODY = 0.001


    class _Response:
        def __init__(self, url):
            self.url = url
            self.status = 200
            self.reason = "OK"

        def read(self, amt=None):
            return _giltutor_io.wait(_BODY, b"")

        def getcode(self):
            return self.status

        def geturl(self):
            return self.url

        def close(self):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()


    def urlopen(url, data=None, timeout=None):
        return _giltutor_io.wait(_REQUEST, _Response(url))

    """#
}

extension PythonModules {
  /// `hashlib` as a program uses it, over the engine's digests (`_giltutor_hash`): the digest's C work is timed at
  /// `update` (the constructor's data included), where CPython's releases the GIL for a buffer of 2048 bytes or
  /// more.
  static let hashlib = #"""
    import _giltutor_hash

    algorithms_guaranteed = {"md5", "sha1", "sha256"}
    algorithms_available = algorithms_guaranteed
    _SIZES = {"md5": 16, "sha1": 20, "sha256": 32}


    class _Hash:
        def __init__(self, name, data):
            self.name = name
            self.digest_size = _SIZES[name]
            self.block_size = 64
            self._data = b""
            if data:
                self.update(data)

        def update(self, data):
            _giltutor_hash.work(self.name, data)
            self._data += data

        def hexdigest(self):
            return _giltutor_hash.hexdigest(self.name, self._data)

        def digest(self):
            return _giltutor_hash.digest(self.name, self._data)

        def copy(self):
            other = _Hash(self.name, b"")
            other._data = self._data
            return other


    def new(name, data=b""):
        name = name.lower()
        if name not in algorithms_guaranteed:
            raise ValueError("unsupported hash type " + name)
        return _Hash(name, data)


    def md5(data=b""):
        return _Hash("md5", data)


    def sha1(data=b""):
        return _Hash("sha1", data)


    def sha256(data=b""):
        return _Hash("sha256", data)

    """#
}

extension PythonModules {
  /// `random` as CPython has it: `random()`, `getrandbits` and `seed` are C (the engine's Mersenne Twister,
  /// `PythonRandom.swift`), the rest is `Lib/random.py`'s Python code, so that a seeded program draws the same
  /// numbers (and its threads switch in the same Python code). Unseeded, it starts from a seed of the run's own.
  static let random = #"""
    import _giltutor_random

    random = _giltutor_random.random
    getrandbits = _giltutor_random.getrandbits


    def seed(a=None, version=2):
        _giltutor_random.seed(a)


    def _randbelow(n):
        k = 0
        m = n
        while m:
            m >>= 1
            k += 1
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r


    def randrange(start, stop=None, step=1):
        if stop is None:
            if start > 0:
                return _randbelow(start)
            raise ValueError("empty range for randrange()")
        width = stop - start
        if step == 1:
            if width > 0:
                return start + _randbelow(width)
            raise ValueError(f"empty range in randrange({start}, {stop})")
        if step > 0:
            n = (width + step - 1) // step
        elif step < 0:
            n = (width + step + 1) // step
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError(f"empty range in randrange({start}, {stop}, {step})")
        return start + step * _randbelow(n)


    def randint(a, b):
        return randrange(a, b + 1)


    def choice(seq):
        if not len(seq):
            raise IndexError("Cannot choose from an empty sequence")
        return seq[_randbelow(len(seq))]


    def shuffle(x):
        for i in reversed(range(1, len(x))):
            j = _randbelow(i + 1)
            x[i], x[j] = x[j], x[i]


    def uniform(a, b):
        return a + (b - a) * random()


    def sample(population, k):
        n = len(population)
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        setsize = 21
        if k > 5:
            # 4 ** ceil(log(3k, 4)): the least power of 4 not below 3k (3k is never one).
            power = 1
            while power < k * 3:
                power *= 4
            setsize += power
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = _randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected = set()
            for i in range(k):
                j = _randbelow(n)
                while j in selected:
                    j = _randbelow(n)
                selected.add(j)
                result[i] = population[j]
        return result


    def choices(population, weights=None, *, cum_weights=None, k=1):
        n = len(population)
        if cum_weights is None:
            if weights is None:
                return [population[int(random() * n)] for i in range(k)]
            cum_weights = []
            total = 0
            for w in weights:
                total += w
                cum_weights.append(total)
        total = cum_weights[-1] + 0.0
        result = []
        for i in range(k):
            x = random() * total
            lo, hi = 0, n - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if x < cum_weights[mid]:
                    hi = mid
                else:
                    lo = mid + 1
            result.append(population[lo])
        return result

    """#
}

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

extension PythonModules {
  /// `collections.deque` (the rest of `collections` is not modelled yet): Python code over a list where CPython's
  /// is C; each method that changes it is one call into the list (`append`, `pop`, `insert`), so it is as atomic
  /// between threads as CPython's, but it takes a Python method call's time.
  static let collections = #"""
    class deque:
        def __init__(self, iterable=(), maxlen=None):
            if maxlen is not None and maxlen < 0:
                raise ValueError("maxlen must be non-negative")
            self.maxlen = maxlen
            self._items = []
            for item in iterable:
                self.append(item)

        def append(self, item):
            self._items.append(item)
            if self.maxlen is not None and len(self._items) > self.maxlen:
                self._items.pop(0)

        def appendleft(self, item):
            self._items.insert(0, item)
            if self.maxlen is not None and len(self._items) > self.maxlen:
                self._items.pop()

        def pop(self):
            try:
                return self._items.pop()
            except IndexError:
                raise IndexError("pop from an empty deque")

        def popleft(self):
            try:
                return self._items.pop(0)
            except IndexError:
                raise IndexError("pop from an empty deque")

        def extend(self, iterable):
            for item in iterable:
                self.append(item)

        def extendleft(self, iterable):
            for item in iterable:
                self.appendleft(item)

        def clear(self):
            self._items.clear()

        def count(self, item):
            return self._items.count(item)

        def remove(self, item):
            self._items.remove(item)

        def rotate(self, n=1):
            if self._items:
                n %= len(self._items)
                self._items[:] = self._items[-n:] + self._items[:-n]

        def __len__(self):
            return len(self._items)

        def __iter__(self):
            return iter(list(self._items))

        def __getitem__(self, index):
            return self._items[index]

        def __repr__(self):
            if self.maxlen is None:
                return "deque(%r)" % (self._items,)
            return "deque(%r, maxlen=%d)" % (self._items, self.maxlen)

    """#
}
