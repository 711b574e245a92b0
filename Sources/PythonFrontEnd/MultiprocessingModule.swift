extension PythonModules {
  /// `multiprocessing` under the `fork` start method, as `Lib/multiprocessing` behaves for a tutorial's programs:
  /// `Process` (a fork whose child runs `run()`), `Queue` (items pickled through a pipe), `Pool` (workers named
  /// `ForkPoolWorker-N` that take chunks of a `map` from a task queue and put results on a result queue, as
  /// `pool.worker` does; `chunksize` as `Pool._map_async` computes it), `cpu_count`, `current_process`. The fork,
  /// the child's start and a queue item's trip are the scheduler's, with measured times.
  static let multiprocessing = #"""
    """multiprocessing for giltutor: Process, Queue and Pool over the scheduler's fork."""
    import _giltutor_processes as _processes
    import queue as _queue

    _counter = [0]


    def cpu_count():
        return _processes.cpu_count()


    class _CurrentProcess:
        def __init__(self, name):
            self.name = name


    def current_process():
        return _CurrentProcess(_processes.process_name())


    class Process:
        def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
            _counter[0] += 1
            self._target = target
            self._args = tuple(args)
            self._kwargs = dict(kwargs) if kwargs else {}
            self.name = name if name is not None else "Process-%d" % _counter[0]
            self.daemon = bool(daemon) if daemon is not None else False
            self._index = None
            self.pid = None
            self.exitcode = None

        def run(self):
            if self._target is not None:
                self._target(*self._args, **self._kwargs)

        def start(self):
            if self._index is not None:
                raise AssertionError("cannot start a process twice")
            _processes.start(self)

        def join(self, timeout=None):
            if self._index is None:
                raise AssertionError("can only join a started process")
            _processes.join(self._index, timeout)

        def is_alive(self):
            return self._index is not None and _processes.is_alive(self._index)

        def terminate(self):
            if self._index is not None:
                _processes.terminate(self._index)

        def kill(self):
            self.terminate()

        def close(self):
            pass


    class Queue:
        def __init__(self, maxsize=0):
            self._queue = _queue._CrossProcess(maxsize)

        def put(self, obj, block=True, timeout=None):
            self._queue.put(obj, block, timeout)

        def get(self, block=True, timeout=None):
            return self._queue.get(block, timeout)

        def put_nowait(self, obj):
            self._queue.put(obj, False)

        def get_nowait(self):
            return self._queue.get(False)

        def empty(self):
            return self._queue.empty()

        def qsize(self):
            return self._queue.qsize()

        def close(self):
            pass

        def join_thread(self):
            pass


    class SimpleQueue(Queue):
        pass


    def _pool_worker(tasks, results):
        # pool.worker: a chunk of items at a time, its results (or its exception) back as one.
        while True:
            task = tasks.get()
            if task is None:
                break
            job, i, func, chunk = task
            try:
                result = (True, [func(*args) for args in chunk])
            except Exception as e:
                result = (False, e)
            results.put((job, i, result))


    class Pool:
        def __init__(self, processes=None):
            if processes is None:
                processes = cpu_count()
            if processes < 1:
                raise ValueError("Number of processes must be at least 1")
            self._tasks = Queue()
            self._results = Queue()
            self._job = 0
            self._state = "RUN"
            self._pool = []
            for _ in range(processes):
                worker = Process(target=_pool_worker, args=(self._tasks, self._results), daemon=True)
                worker.name = worker.name.replace("Process", "ForkPoolWorker")
                worker.start()
                self._pool.append(worker)

        def map(self, func, iterable, chunksize=None):
            return self._map(func, [(x,) for x in iterable], chunksize)

        def starmap(self, func, iterable, chunksize=None):
            return self._map(func, [tuple(args) for args in iterable], chunksize)

        def _map(self, func, items, chunksize):
            if self._state != "RUN":
                raise ValueError("Pool not running")
            if not items:
                return []
            if chunksize is None:
                chunksize, extra = divmod(len(items), len(self._pool) * 4)
                if extra:
                    chunksize += 1
            self._job += 1
            chunks = [items[k:k + chunksize] for k in range(0, len(items), chunksize)]
            for i, chunk in enumerate(chunks):
                self._tasks.put((self._job, i, func, chunk))
            results = [None] * len(chunks)
            failure = None
            for _ in chunks:
                job, i, (ok, value) = self._results.get()
                if ok:
                    results[i] = value
                elif failure is None:
                    failure = value
            if failure is not None:
                raise failure
            out = []
            for part in results:
                out.extend(part)
            return out

        def close(self):
            if self._state == "RUN":
                self._state = "CLOSE"
                for _ in self._pool:
                    self._tasks.put(None)

        def terminate(self):
            self._state = "TERMINATE"
            for worker in self._pool:
                worker.terminate()

        def join(self):
            if self._state == "RUN":
                raise ValueError("Pool is still running")
            for worker in self._pool:
                worker.join()

        def __enter__(self):
            return self

        def __exit__(self, exc_type, exc_val, exc_tb):
            self.terminate()
            return False
    """#
}
