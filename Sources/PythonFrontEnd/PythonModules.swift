/// Modules written in Python that a program may import, compiled with it and run by the engine's interpreter as
/// CPython runs its own Python modules: `concurrent.futures`'s thread pool is threading and queue underneath.
enum PythonModules {
  /// Each module's source, by its dotted name.
  static let sources: [String: String] = [
    "concurrent.futures": futures, "_threading": threadingMethods, "_queue": queueClasses, "asyncio": asyncio,
    "json": json, "multiprocessing": multiprocessing, "socket": socket, "urllib.request": urllibRequest,
    "hashlib": hashlib, "random": random, "logging": logging, "collections": collections, "functools": functools,
    "_giltutor_files": files, "_giltutor_builtins": drainingBuiltins,
  ]

  /// The modules written in Python that each one imports.
  static let imports: [String: [String]] = [
    "concurrent.futures": ["_threading", "multiprocessing"], "asyncio": ["_threading", "concurrent.futures"],
    "logging": ["_threading"],
  ]

  /// `queue.PriorityQueue` and `LifoQueue` as `Lib/queue.py` has them: Python code over a condition (one condition
  /// here, its own RLock's, notifying all its waiters, where CPython's three share a lock) and `heapq`'s algorithm.
  /// (`queue.Queue` itself is the scheduler's own object.)
  static let queueClasses = #"""
    import threading
    import time
    import queue


    def _siftdown(heap, startpos, pos):
        newitem = heap[pos]
        while pos > startpos:
            parentpos = (pos - 1) >> 1
            parent = heap[parentpos]
            if newitem < parent:
                heap[pos] = parent
                pos = parentpos
                continue
            break
        heap[pos] = newitem


    def _siftup(heap, pos):
        endpos = len(heap)
        startpos = pos
        newitem = heap[pos]
        childpos = 2 * pos + 1
        while childpos < endpos:
            rightpos = childpos + 1
            if rightpos < endpos and not heap[childpos] < heap[rightpos]:
                childpos = rightpos
            heap[pos] = heap[childpos]
            pos = childpos
            childpos = 2 * pos + 1
        heap[pos] = newitem
        _siftdown(heap, startpos, pos)


    class _ConditionQueue:
        def __init__(self, maxsize=0):
            self.maxsize = maxsize
            self.queue = []
            self._cond = threading.Condition()
            self.unfinished_tasks = 0

        def qsize(self):
            with self._cond:
                return len(self.queue)

        def empty(self):
            with self._cond:
                return not self.queue

        def full(self):
            with self._cond:
                return 0 < self.maxsize <= len(self.queue)

        def put(self, item, block=True, timeout=None):
            with self._cond:
                if self.maxsize > 0:
                    if not block:
                        if len(self.queue) >= self.maxsize:
                            raise queue.Full
                    elif timeout is None:
                        while len(self.queue) >= self.maxsize:
                            self._cond.wait()
                    else:
                        endtime = time.monotonic() + timeout
                        while len(self.queue) >= self.maxsize:
                            remaining = endtime - time.monotonic()
                            if remaining <= 0.0:
                                raise queue.Full
                            self._cond.wait(remaining)
                self._put(item)
                self.unfinished_tasks += 1
                self._cond.notify_all()

        def get(self, block=True, timeout=None):
            with self._cond:
                if not block:
                    if not self.queue:
                        raise queue.Empty
                elif timeout is None:
                    while not self.queue:
                        self._cond.wait()
                else:
                    endtime = time.monotonic() + timeout
                    while not self.queue:
                        remaining = endtime - time.monotonic()
                        if remaining <= 0.0:
                            raise queue.Empty
                        self._cond.wait(remaining)
                item = self._get()
                self._cond.notify_all()
                return item

        def put_nowait(self, item):
            return self.put(item, block=False)

        def get_nowait(self):
            return self.get(block=False)

        def task_done(self):
            with self._cond:
                unfinished = self.unfinished_tasks - 1
                if unfinished <= 0:
                    if unfinished < 0:
                        raise ValueError("task_done() called too many times")
                    self._cond.notify_all()
                self.unfinished_tasks = unfinished

        def join(self):
            with self._cond:
                while self.unfinished_tasks:
                    self._cond.wait()


    class PriorityQueue(_ConditionQueue):
        def _put(self, item):
            self.queue.append(item)
            _siftdown(self.queue, 0, len(self.queue) - 1)

        def _get(self):
            lastelt = self.queue.pop()
            if self.queue:
                returnitem = self.queue[0]
                self.queue[0] = lastelt
                _siftup(self.queue, 0)
                return returnitem
            return lastelt


    class LifoQueue(_ConditionQueue):
        def _put(self, item):
            self.queue.append(item)

        def _get(self):
            return self.queue.pop()

    """#

  /// The methods of `threading`'s classes that are Python code in CPython and wait inside (`Condition.wait_for`):
  /// the engine's `threading` takes each function of a class here as a method of the class of the same name.
  static let threadingMethods = #"""
    import time
    import threading


    class Timer(threading.Thread):
        # Lib/threading.py's Timer: a thread that waits on an event for the interval, then calls the function
        # unless it was cancelled.
        def __init__(self, interval, function, args=None, kwargs=None):
            threading.Thread.__init__(self)
            self.interval = interval
            self.function = function
            self.args = args if args is not None else []
            self.kwargs = kwargs if kwargs is not None else {}
            self.finished = threading.Event()

        def cancel(self):
            self.finished.set()

        def run(self):
            self.finished.wait(self.interval)
            if not self.finished.is_set():
                self.function(*self.args, **self.kwargs)
            self.finished.set()


    class _ConditionOverLock:
        # Lib/threading.py's Condition over a lock the program gives it: each waiter waits on a lock of its own,
        # which `notify` releases.
        def __init__(self, lock):
            self._lock = lock
            self.acquire = lock.acquire
            self.release = lock.release
            self._waiters = []

        def __enter__(self):
            return self._lock.__enter__()

        def __exit__(self, *args):
            return self._lock.__exit__(*args)

        def _is_owned(self):
            if self._lock.acquire(False):
                self._lock.release()
                return False
            return True

        def wait(self, timeout=None):
            if not self._is_owned():
                raise RuntimeError("cannot wait on un-acquired lock")
            waiter = threading.Lock()
            waiter.acquire()
            self._waiters.append(waiter)
            self._lock.release()
            gotit = False
            try:
                if timeout is None:
                    waiter.acquire()
                    gotit = True
                elif timeout > 0:
                    gotit = waiter.acquire(True, timeout)
                else:
                    gotit = waiter.acquire(False)
                return gotit
            finally:
                self._lock.acquire()
                if not gotit and waiter in self._waiters:
                    self._waiters.remove(waiter)

        def wait_for(self, predicate, timeout=None):
            return Condition.wait_for(self, predicate, timeout)

        def notify(self, n=1):
            if not self._is_owned():
                raise RuntimeError("cannot notify on un-acquired lock")
            waiters = self._waiters
            while waiters and n > 0:
                waiter = waiters[0]
                waiter.release()
                n -= 1
                waiters.remove(waiter)

        def notify_all(self):
            self.notify(len(self._waiters))


    class Condition:
        def wait_for(self, predicate, timeout=None):
            # Lib/threading.py's loop: wait until the predicate holds, or the timeout has passed.
            endtime = None
            waittime = timeout
            result = predicate()
            while not result:
                if waittime is not None:
                    if endtime is None:
                        endtime = time.monotonic() + waittime
                    else:
                        waittime = endtime - time.monotonic()
                        if waittime <= 0:
                            break
                self.wait(waittime)
                result = predicate()
            return result

    """#

  /// The names `from MODULE import NAME` may take from each.
  static let exported: [String: Set<String>] = [
    "concurrent.futures": [
      "ThreadPoolExecutor", "ProcessPoolExecutor", "Future", "CancelledError", "TimeoutError", "as_completed",
    ],
    "multiprocessing": [
      "Process", "Queue", "SimpleQueue", "Pool", "cpu_count", "current_process",
    ],
    "json": ["dumps", "loads", "JSONDecodeError"],
    "asyncio": [
      "run", "sleep", "gather", "create_task", "wait_for", "to_thread", "get_running_loop", "get_event_loop",
      "new_event_loop", "current_task", "all_tasks", "ensure_future", "iscoroutine", "isfuture", "Future", "Task",
      "Handle", "AbstractEventLoop", "CancelledError", "InvalidStateError", "QueueEmpty", "QueueFull", "Event",
      "Lock", "Semaphore", "Queue", "TimeoutError",
    ],
  ]

  /// `concurrent.futures` as `Lib/concurrent/futures/thread.py` and `_base.py` behave for a thread pool: the same
  /// start policy (a new worker at a submit that finds none idle, up to `max_workers`), the same thread names
  /// (`ThreadPoolExecutor-0_0`), the same shut-down (a `None` each worker passes on, and at the main thread's end
  /// through `threading._register_atexit`). `map` and `as_completed` wait in the caller's frame and return lists.
  static let futures = #"""
    """concurrent.futures for giltutor: ThreadPoolExecutor and Future written on threading and queue, as CPython's
    are (Lib/concurrent/futures/thread.py, _base.py), with the same thread names and the same start policy."""
    import threading
    import queue
    import time


    class CancelledError(Exception):
        __module__ = "concurrent.futures._base"


    class Future:
        def __init__(self):
            self._done = threading.Event()
            self._result = None
            self._exception = None
            self._waiters = []

        def done(self):
            return self._done.is_set()

        def running(self):
            return False

        def cancelled(self):
            return False

        def cancel(self):
            return False

        def result(self, timeout=None):
            if not self._done.wait(timeout):
                raise TimeoutError()
            if self._exception is not None:
                raise self._exception
            return self._result

        def exception(self, timeout=None):
            if not self._done.wait(timeout):
                raise TimeoutError()
            return self._exception

        def set_result(self, result):
            self._result = result
            self._done.set()
            for waiter in self._waiters:
                waiter.set()

        def set_exception(self, exception):
            self._exception = exception
            self._done.set()
            for waiter in self._waiters:
                waiter.set()


    _executors = []
    _process_executors = []
    _shutdown = False


    def _python_exit():
        global _shutdown
        _shutdown = True
        for executor in _executors:
            executor._work.put(None)
        for executor in _executors:
            for t in executor._threads:
                t.join()
        for executor in _process_executors:
            executor.shutdown(wait=True)


    threading._register_atexit(_python_exit)


    class ThreadPoolExecutor:
        _counter = 0

        def __init__(self, max_workers=None, thread_name_prefix=""):
            if max_workers is None:
                # min(32, os.cpu_count() + 4), with the two cores of giltutor's default machine.
                max_workers = 6
            if max_workers <= 0:
                raise ValueError("max_workers must be greater than 0")
            self._max_workers = max_workers
            self._work = queue.SimpleQueue()
            self._idle = threading.Semaphore(0)
            self._threads = []
            self._closed = False
            if not thread_name_prefix:
                thread_name_prefix = "ThreadPoolExecutor-%d" % ThreadPoolExecutor._counter
                ThreadPoolExecutor._counter += 1
            self._prefix = thread_name_prefix
            _executors.append(self)

        def submit(self, fn, *args, **kwargs):
            if self._closed or _shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future = Future()
            self._work.put((future, fn, args, kwargs))
            self._adjust_thread_count()
            return future

        def _adjust_thread_count(self):
            # A worker that is idle takes the item; else a new one starts, up to max_workers.
            if self._idle.acquire(timeout=0):
                return
            if len(self._threads) < self._max_workers:
                name = "%s_%d" % (self._prefix, len(self._threads))
                t = threading.Thread(name=name, target=self._worker)
                t.start()
                self._threads.append(t)

        def _worker(self):
            while True:
                item = self._work.get()
                if item is None:
                    # Wake the next worker, which ends too.
                    self._work.put(None)
                    return
                future, fn, args, kwargs = item
                try:
                    result = fn(*args, **kwargs)
                except BaseException as e:
                    future.set_exception(e)
                else:
                    future.set_result(result)
                self._idle.release()

        def map(self, fn, *iterables, timeout=None):
            futures = [self.submit(fn, *args) for args in zip(*iterables)]
            # The results in order, as a list: waiting for them happens here, in the caller's frame.
            results = []
            for f in futures:
                results.append(f.result(timeout))
            return results

        def shutdown(self, wait=True, cancel_futures=False):
            self._closed = True
            self._work.put(None)
            if wait:
                for t in self._threads:
                    t.join()

        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc_val, exc_tb):
            self.shutdown(wait=True)
            return False


    def _process_worker(calls, results):
        # process.py's _process_worker: one call at a time, its result (or exception) back by the result queue.
        while True:
            item = calls.get()
            if item is None:
                return
            work_id, fn, args, kwargs = item
            try:
                results.put((work_id, True, fn(*args, **kwargs)))
            except BaseException as e:
                results.put((work_id, False, e))


    class ProcessPoolExecutor:
        """process.py under fork: every worker process starts at the first submit; a thread of the parent (the
        queue management thread) takes the results off the result queue and sets the futures."""

        def __init__(self, max_workers=None):
            import multiprocessing
            if max_workers is None:
                max_workers = multiprocessing.cpu_count()
            if max_workers <= 0:
                raise ValueError("max_workers must be greater than 0")
            self._mp = multiprocessing
            self._max_workers = max_workers
            self._calls = multiprocessing.Queue()
            self._results = multiprocessing.Queue()
            self._futures = {}
            self._next = 0
            self._processes = []
            self._manager = None
            self._closed = False
            _process_executors.append(self)

        def _start(self):
            for _ in range(self._max_workers):
                p = self._mp.Process(target=_process_worker, args=(self._calls, self._results))
                p.name = p.name.replace("Process", "ForkProcess")
                p.start()
                self._processes.append(p)
            self._manager = threading.Thread(target=self._manage, daemon=True)
            self._manager.start()

        def _manage(self):
            while True:
                item = self._results.get()
                if item is None:
                    return
                work_id, ok, value = item
                future = self._futures.pop(work_id)
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

        def submit(self, fn, *args, **kwargs):
            if self._closed or _shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if not self._processes:
                self._start()
            future = Future()
            self._next += 1
            self._futures[self._next] = future
            self._calls.put((self._next, fn, args, kwargs))
            return future

        def map(self, fn, *iterables, timeout=None, chunksize=1):
            futures = [self.submit(fn, *args) for args in zip(*iterables)]
            results = []
            for f in futures:
                results.append(f.result(timeout))
            return results

        def shutdown(self, wait=True, cancel_futures=False):
            if self._closed:
                return
            self._closed = True
            for _ in self._processes:
                self._calls.put(None)
            if wait:
                for p in self._processes:
                    p.join()
                if self._manager is not None:
                    self._results.put(None)
                    self._manager.join()

        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc_val, exc_tb):
            self.shutdown(wait=True)
            return False


    FIRST_COMPLETED = "FIRST_COMPLETED"
    FIRST_EXCEPTION = "FIRST_EXCEPTION"
    ALL_COMPLETED = "ALL_COMPLETED"


    def wait(fs, timeout=None, return_when=ALL_COMPLETED):
        # _base.wait: the futures done and not done, once the condition holds or the timeout runs out (a tuple of
        # two sets; CPython's is a named tuple). One event every pending future sets, as CPython's waiter.
        fs = set(fs)
        deadline = None if timeout is None else time.monotonic() + timeout
        waiter = threading.Event()
        for f in fs:
            f._waiters.append(waiter)
        while True:
            done = set([f for f in fs if f.done()])
            not_done = fs - done
            if not not_done:
                break
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and [f for f in done if f._exception is not None]:
                break
            remaining = None
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
            waiter.clear()
            if not [f for f in fs if f.done() and f not in done]:
                waiter.wait(remaining)
        for f in fs:
            f._waiters.remove(waiter)
        return done, not_done


    def as_completed(fs, timeout=None):
        # The futures in the order they finish, as a list once all have (a generator would have to wait inside a
        # call giltutor runs at once).
        pending = list(fs)
        finished = []
        while pending:
            done = [f for f in pending if f.done()]
            if not done:
                pending[0].exception(timeout)
                continue
            for f in done:
                pending.remove(f)
                finished.append(f)
        return finished
    """#
}
