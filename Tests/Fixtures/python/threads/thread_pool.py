"""A thread pool: jobs submitted and mapped, an exception carried by a future, as_completed, shutdown."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def work(n):
    time.sleep(0.01 * n)
    return n * n, threading.current_thread().name


with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(work, n) for n in (3, 1, 2)]
    print([f.result() for f in futures])
    # Which worker takes which item here depends on the run: the values do not.
    print([value for value, name in pool.map(work, [1, 2, 3])])

def boom():
    raise ValueError("bad job")

ex = ThreadPoolExecutor(1)
f = ex.submit(boom)
try:
    f.result()
except ValueError as e:
    print("caught", e)
print(sorted([g.result()[0] for g in as_completed([ex.submit(work, 1), ex.submit(work, 2)])]))
ex.shutdown()
