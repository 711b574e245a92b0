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
