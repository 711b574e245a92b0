"""multiprocessing under fork: processes with their own copy of the globals, a Queue between them, a Pool's map,
a ProcessPoolExecutor, an exception in a child (exit code 1), and what cannot be pickled."""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

counter = 0


def work(n, q):
    global counter
    counter += n
    q.put((multiprocessing.current_process().name, counter))


def square(x):
    return x * x


def fail(x):
    raise ValueError("bad %d" % x)


def crash():
    raise KeyError("in the child")


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def norm(p):
    return p.x * p.x + p.y * p.y


if __name__ == "__main__":
    q = multiprocessing.Queue()
    counter = 100
    procs = [multiprocessing.Process(target=work, args=(i, q)) for i in range(3)]
    for p in procs:
        p.start()
    got = sorted([q.get() for _ in procs])
    for p in procs:
        p.join()
    print(got, counter, [p.exitcode for p in procs])
    # close() and join(), not `with` (whose terminate() sends SIGTERM, which a test runner may block).
    pool = multiprocessing.Pool(2)
    print(pool.map(square, range(10)))
    try:
        pool.map(lambda x: x, [1])
    except Exception as e:
        print(type(e).__name__)
    pool.close()
    pool.join()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(square, range(6))))
        try:
            ex.submit(fail, 3).result()
        except ValueError as e:
            print("caught", e)
        print(ex.submit(norm, Point(3, 4)).result())
    p = multiprocessing.Process(target=crash)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
    print(multiprocessing.cpu_count() > 0, multiprocessing.current_process().name)
