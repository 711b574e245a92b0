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
