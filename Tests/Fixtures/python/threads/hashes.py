# hashlib's digests, computed by threads: each digest is what CPython computes, whichever thread computes it.
import hashlib
import threading

results = {}


def digest(name, data):
    h = hashlib.new(name)
    for part in data:
        h.update(part.encode())
    results[name, len(data)] = h.hexdigest()


parts = ["line %d\n" % i for i in range(500)]
threads = [
    threading.Thread(target=digest, args=(name, parts[:n]))
    for name in ("md5", "sha1", "sha256")
    for n in (0, 1, 500)
]
for t in threads:
    t.start()
for t in threads:
    t.join()
for key in sorted(results):
    print(key, results[key])

big = b"giltutor" * 100_000
print(hashlib.sha256(big).hexdigest(), hashlib.md5(big).hexdigest(), hashlib.sha1(big).hexdigest())
h = hashlib.sha256(b"abc")
copy = h.copy()
copy.update(b"def")
print(h.hexdigest() != copy.hexdigest(), h.digest_size, len(h.digest()), h.name)
print(hashlib.sha256(b"abcdef").hexdigest() == copy.hexdigest())
