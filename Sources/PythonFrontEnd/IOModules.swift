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

/// Files: the built-in `open` as a program uses it for text, over `_giltutor_io`. Reading a file takes the text
/// the front end read from the disk when it compiled the program (`ProgramFiles`: the files its text names), and
/// each system call waits with the GIL released, as `FileIO.read` and `write` do
/// (`Py_BEGIN_ALLOW_THREADS` around `read(2)` in `Python/fileutils.c`'s `_Py_read`): a whole `read()` is one
/// call, `readline` and iteration make one per 8 KiB buffer they use up, writes one per 8 KiB buffer filled and
/// one to flush at close. Writing never touches the disk: what a program writes is kept for the rest of its run
/// (later reads of that path see it). Binary mode gives the same text (giltutor has no separate `bytes`).
extension PythonModules {
  static let files = #"""
    import _giltutor_io

    # Default latencies, in seconds: opening a file (a lookup in the kernel's caches, 10 us) and a read or write
    # served by the page cache (20 us a call). A `# giltutor: io 5ms` comment on the line sets its calls' own.
    _OPEN = 0.00001
    _CALL = 0.00002
    # io.DEFAULT_BUFFER_SIZE: how much one system call moves for readline and write.
    _BUFFER = 8192
    _written = {}


    def _content(name):
        if name in _written:
            return "".join(_written[name])
        return _giltutor_io.read_file(name)


    class _File:
        def __init__(self, name, mode, text):
            self.name = name
            self.mode = mode
            self.closed = False
            # To read: the lines still to come, each with its end (a list, so that a line costs its own length);
            # to write: the parts written, which `_written` shares.
            self._lines = text.splitlines(True)
            self._next = 0
            self._read = 0
            self._buffered = 0
            self._parts = [text]
            self._pending = 0
            self._writing = "r" not in mode or "+" in mode

        def read(self, size=-1):
            self._check()
            if size is not None and size >= 0:
                # From the lines to come, a part of the next one left for later.
                parts = []
                while size > 0 and self._next < len(self._lines):
                    line = self._lines[self._next]
                    if len(line) <= size:
                        parts.append(line)
                        size -= len(line)
                        self._next += 1
                    else:
                        parts.append(line[:size])
                        self._lines[self._next] = line[size:]
                        size = 0
                return self._consume("".join(parts))
            # All the rest in one call.
            rest = "".join(self._lines[self._next:])
            self._lines = []
            self._next = 0
            self._read += len(rest)
            self._buffered = max(self._buffered, self._read)
            return _giltutor_io.wait(_CALL, rest)

        def readline(self, size=-1):
            self._check()
            line = ""
            if self._next < len(self._lines):
                line = self._lines[self._next]
                if size is not None and 0 <= size < len(line):
                    self._lines[self._next] = line[size:]
                    line = line[:size]
                else:
                    self._next += 1
            return self._consume(line)

        def _consume(self, data):
            # A system call for each buffer the data runs into; at the end of the file, one that finds nothing.
            self._read += len(data)
            while self._buffered < self._read:
                self._buffered += _BUFFER
                _giltutor_io.wait(_CALL, None)
            if not data:
                _giltutor_io.wait(_CALL, None)
            return data

        def readlines(self):
            lines = []
            line = self.readline()
            while line:
                lines.append(line)
                line = self.readline()
            return lines

        def __iter__(self):
            return self

        def __next__(self):
            line = self.readline()
            if not line:
                raise StopIteration
            return line

        def write(self, text):
            self._check()
            if not self._writing:
                raise OSError("not writable")
            self._parts.append(text)
            self._pending += len(text)
            while self._pending >= _BUFFER:
                self._pending -= _BUFFER
                _giltutor_io.wait(_CALL, None)
            return len(text)

        def writelines(self, lines):
            for line in lines:
                self.write(line)

        def flush(self):
            if self._pending:
                self._pending = 0
                _giltutor_io.wait(_CALL, None)

        def close(self):
            if not self.closed:
                if self._writing:
                    self.flush()
                self.closed = True

        def _check(self):
            if self.closed:
                raise ValueError("I/O operation on closed file.")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.close()


    def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None):
        if "x" in mode and (file in _written or _giltutor_io.read_file(file, True) is not None):
            raise FileExistsError("[Errno 17] File exists: %r" % (file,))
        if "w" in mode or "x" in mode:
            text = ""
        elif "a" in mode:
            text = _content(file) if file in _written else _giltutor_io.read_file(file, True) or ""
        else:
            text = _content(file)
        f = _File(file, mode, text)
        if f._writing:
            # What is written is there at once for another reader (CPython's only once a buffer is flushed).
            _written[file] = f._parts
        return _giltutor_io.wait(_OPEN, f)

    """#
}

/// The loops of the C built-ins that drain an iterable (`sum`, `list`, `sorted`, `min`, `max`, `any`, `all`,
/// `str.join`, …) when its items come from Python code (a generator, an iterator class): the loop runs here, on
/// the thread, so that the code it resumes runs as CPython's eval loop runs it, checked for drop requests where
/// its instructions are check points and free to wait (a file read, `future.result()`). Each item is collected,
/// then the built-in gets the list (`any` and `all` stop at the first item that decides).
extension PythonModules {
  static let drainingBuiltins = #"""
    def drained(function, iterable, *rest, **keywords):
        items = []
        for item in iterable:
            items.append(item)
        return function(items, *rest, **keywords)


    def any_of(iterable):
        for item in iterable:
            if item:
                return True
        return False


    def all_of(iterable):
        for item in iterable:
            if not item:
                return False
        return True

    """#
}
