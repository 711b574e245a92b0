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
