extension PythonModules {
  /// `asyncio` as CPython's `Lib/asyncio` runs it, in the parts a tutorial uses: an event loop on the thread that
  /// calls `run()` (`base_events._run_once`: ready callbacks, timers, and a wait for the next timer that releases
  /// the GIL, rounded up to whole milliseconds as `epoll_wait` takes them), Tasks that step a coroutine with
  /// `send()` and wait on a Future's `__await__` (`tasks.Task.__step`, `futures.Future`), `sleep`, `gather`,
  /// `create_task`, `wait_for`, cancellation, `to_thread` and `run_in_executor` over a thread pool whose workers
  /// wake the loop (`call_soon_threadsafe`), and the synchronisation primitives `Lock`, `Event`, `Semaphore` and
  /// `Queue`. CPython's Task and Future are C (`_asyncio`): here they are Python, so a step takes the time of
  /// these instructions.
  static let asyncio = #"""
    """asyncio for giltutor: an event loop, tasks and futures written as CPython's Lib/asyncio runs them."""
    import queue
    import sys
    import threading
    import time


    class CancelledError(BaseException):
        __module__ = "asyncio.exceptions"


    if sys.version_info >= (3, 11):
        TimeoutError = TimeoutError
    else:
        # Before 3.11 asyncio's TimeoutError is its own class, not the built-in one.
        class TimeoutError(Exception):
            __module__ = "asyncio.exceptions"


    class InvalidStateError(Exception):
        __module__ = "asyncio.exceptions"


    class QueueEmpty(Exception):
        __module__ = "asyncio.queues"


    class QueueFull(Exception):
        __module__ = "asyncio.queues"


    _PENDING = "PENDING"
    _CANCELLED = "CANCELLED"
    _FINISHED = "FINISHED"
    # The running loop of each thread, by thread identifier.
    _running_loops = {}
    _task_counter = [0]


    def _get_running_loop():
        return _running_loops.get(threading.get_ident())


    def get_running_loop():
        loop = _get_running_loop()
        if loop is None:
            raise RuntimeError("no running event loop")
        return loop


    def get_event_loop():
        return get_running_loop()


    class Handle:
        def __init__(self, callback, args, when=None):
            self._callback = callback
            self._args = args
            self._when = when
            self._cancelled = False

        def cancel(self):
            self._cancelled = True

        def cancelled(self):
            return self._cancelled

        def when(self):
            return self._when

        def _run(self):
            self._callback(*self._args)


    class Future:
        _asyncio_future_blocking = False

        def __init__(self, *, loop=None):
            self._loop = loop if loop is not None else get_running_loop()
            self._state = _PENDING
            self._result = None
            self._exception = None
            self._callbacks = []

        def get_loop(self):
            return self._loop

        def done(self):
            return self._state != _PENDING

        def cancelled(self):
            return self._state == _CANCELLED

        def cancel(self, msg=None):
            if self._state != _PENDING:
                return False
            self._state = _CANCELLED
            self._schedule_callbacks()
            return True

        def result(self):
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state != _FINISHED:
                raise InvalidStateError("Result is not ready.")
            if self._exception is not None:
                raise self._exception
            return self._result

        def exception(self):
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state != _FINISHED:
                raise InvalidStateError("Exception is not set.")
            return self._exception

        def add_done_callback(self, fn):
            if self._state != _PENDING:
                self._loop.call_soon(fn, self)
            else:
                self._callbacks.append(fn)

        def remove_done_callback(self, fn):
            kept = [f for f in self._callbacks if f is not fn]
            removed = len(self._callbacks) - len(kept)
            self._callbacks = kept
            return removed

        def set_result(self, result):
            if self._state != _PENDING:
                raise InvalidStateError("invalid state")
            self._result = result
            self._state = _FINISHED
            self._schedule_callbacks()

        def set_exception(self, exception):
            if self._state != _PENDING:
                raise InvalidStateError("invalid state")
            if isinstance(exception, type):
                exception = exception()
            self._exception = exception
            self._state = _FINISHED
            self._schedule_callbacks()

        def _schedule_callbacks(self):
            callbacks = self._callbacks
            self._callbacks = []
            for fn in callbacks:
                self._loop.call_soon(fn, self)

        def __await__(self):
            if not self.done():
                self._asyncio_future_blocking = True
                yield self
            if not self.done():
                raise RuntimeError("await wasn't used with future")
            return self.result()


    class Task(Future):
        def __init__(self, coro, *, loop=None, name=None):
            Future.__init__(self, loop=loop)
            if not iscoroutine(coro):
                raise TypeError("a coroutine was expected, got %r" % (coro,))
            _task_counter[0] += 1
            self._name = name if name is not None else "Task-%d" % _task_counter[0]
            self._coro = coro
            self._fut_waiter = None
            self._must_cancel = False
            self._loop._tasks.append(self)
            self._loop.call_soon(self._step, None)

        def get_name(self):
            return self._name

        def set_name(self, value):
            self._name = str(value)

        def get_coro(self):
            return self._coro

        def cancel(self, msg=None):
            if self.done():
                return False
            if self._fut_waiter is not None:
                if self._fut_waiter.cancel():
                    return True
            self._must_cancel = True
            return True

        def _step(self, exc):
            # Task.__step: one resumption of the coroutine, up to its next wait on a future.
            if self.done():
                return
            if self._must_cancel:
                if not isinstance(exc, CancelledError):
                    exc = CancelledError()
                self._must_cancel = False
            self._fut_waiter = None
            self._loop._current = self
            try:
                if exc is None:
                    result = self._coro.send(None)
                else:
                    result = self._coro.throw(exc)
            except StopIteration as e:
                if self._must_cancel:
                    self._must_cancel = False
                    Future.cancel(self)
                else:
                    Future.set_result(self, e.value)
            except CancelledError:
                Future.cancel(self)
            except BaseException as e:
                Future.set_exception(self, e)
            else:
                if getattr(result, "_asyncio_future_blocking", None):
                    result._asyncio_future_blocking = False
                    result.add_done_callback(self._wakeup)
                    self._fut_waiter = result
                    if self._must_cancel:
                        if self._fut_waiter.cancel():
                            self._must_cancel = False
                elif result is None:
                    # A bare yield (sleep(0)): run again on the loop's next pass.
                    self._loop.call_soon(self._step, None)
                else:
                    self._loop.call_soon(
                        self._step, RuntimeError("Task got bad yield: %r" % (result,)))
            finally:
                self._loop._current = None

        def _wakeup(self, future):
            try:
                future.result()
            except BaseException as e:
                self._step(e)
                return
            self._step(None)


    def iscoroutine(obj):
        return type(obj).__name__ == "coroutine"


    def isfuture(obj):
        return isinstance(obj, Future)


    def ensure_future(obj, *, loop=None):
        if isinstance(obj, Future):
            return obj
        if loop is None:
            loop = get_running_loop()
        if iscoroutine(obj):
            return loop.create_task(obj)
        raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")


    class AbstractEventLoop:
        pass


    class _EventLoop(AbstractEventLoop):
        def __init__(self):
            self._ready = []
            self._timers = []
            # What other threads hand the loop (call_soon_threadsafe): the self-pipe of a selector loop.
            self._wakeups = queue._Selector()
            self._tasks = []
            self._current = None
            self._default_executor = None
            self._closed = False

        def time(self):
            return time.monotonic()

        def call_soon(self, callback, *args):
            handle = Handle(callback, args)
            self._ready.append(handle)
            return handle

        def call_later(self, delay, callback, *args):
            return self.call_at(self.time() + delay, callback, *args)

        def call_at(self, when, callback, *args):
            handle = Handle(callback, args, when)
            # The timers in order of their time (a heap in CPython).
            i = len(self._timers)
            while i > 0 and self._timers[i - 1]._when > when:
                i -= 1
            self._timers.insert(i, handle)
            return handle

        def call_soon_threadsafe(self, callback, *args):
            handle = Handle(callback, args)
            self._wakeups.put(handle)
            return handle

        def create_future(self):
            return Future(loop=self)

        def create_task(self, coro, *, name=None):
            return Task(coro, loop=self, name=name)

        def run_in_executor(self, executor, func, *args):
            if executor is None:
                if self._default_executor is None:
                    import concurrent.futures
                    self._default_executor = concurrent.futures.ThreadPoolExecutor(
                        thread_name_prefix="asyncio")
                executor = self._default_executor
            future = self.create_future()
            loop = self

            def work():
                # The worker runs the function, then wakes the loop with the outcome.
                try:
                    result = func(*args)
                except BaseException as e:
                    loop.call_soon_threadsafe(_set_exception_unless_cancelled, future, e)
                else:
                    loop.call_soon_threadsafe(_set_result_unless_cancelled, future, result)

            executor.submit(work)
            return future

        def is_running(self):
            return _running_loops.get(threading.get_ident()) is self

        def is_closed(self):
            return self._closed

        def close(self):
            self._closed = True

        def run_until_complete(self, future):
            future = ensure_future(future, loop=self)
            while not future.done():
                self._run_once()
            return future.result()

        def _run_once(self):
            # base_events._run_once: wait for the next timer or a wake-up from another thread (the selector's
            # wait, with the GIL released), then run what is ready now.
            if self._ready:
                timeout = 0
            elif self._timers:
                timeout = max(0, self._timers[0]._when - self.time())
            else:
                timeout = None
            if timeout is None:
                self._ready.append(self._wakeups.get())
            elif timeout > 0:
                # epoll_wait takes whole milliseconds, rounded up.
                timeout = -(-timeout * 1000 // 1) / 1000
                try:
                    self._ready.append(self._wakeups.get(timeout=timeout))
                except queue.Empty:
                    pass
            while not self._wakeups.empty():
                self._ready.append(self._wakeups.get_nowait())
            end_time = self.time() + 1e-9
            while self._timers and self._timers[0]._when <= end_time:
                handle = self._timers.pop(0)
                if not handle._cancelled:
                    self._ready.append(handle)
            ntodo = len(self._ready)
            for _ in range(ntodo):
                handle = self._ready.pop(0)
                if not handle._cancelled:
                    handle._run()

        def shutdown_default_executor(self):
            if self._default_executor is not None:
                self._default_executor.shutdown(wait=True)


    def new_event_loop():
        return _EventLoop()


    def _set_result_unless_cancelled(fut, result):
        if not fut.cancelled():
            fut.set_result(result)


    def _set_exception_unless_cancelled(fut, exc):
        if not fut.cancelled():
            fut.set_exception(exc)


    def run(main, *, debug=None):
        if _get_running_loop() is not None:
            raise RuntimeError("asyncio.run() cannot be called from a running event loop")
        if not iscoroutine(main):
            raise ValueError("a coroutine was expected, got %r" % (main,))
        loop = new_event_loop()
        _running_loops[threading.get_ident()] = loop
        try:
            return loop.run_until_complete(main)
        finally:
            # runners.Runner.close: cancel the tasks left, let them finish, stop the executor.
            left = [t for t in loop._tasks if not t.done()]
            for t in left:
                t.cancel()
            while [t for t in left if not t.done()]:
                loop._run_once()
            loop.shutdown_default_executor()
            del _running_loops[threading.get_ident()]
            loop.close()


    def create_task(coro, *, name=None):
        return get_running_loop().create_task(coro, name=name)


    def current_task(loop=None):
        if loop is None:
            loop = get_running_loop()
        return loop._current


    def all_tasks(loop=None):
        if loop is None:
            loop = get_running_loop()
        return set([t for t in loop._tasks if not t.done()])


    class _Sleep0:
        # tasks.__sleep0: a bare yield, so that the task steps again on the loop's next pass.
        def __await__(self):
            yield


    async def sleep(delay, result=None):
        if delay <= 0:
            await _Sleep0()
            return result
        loop = get_running_loop()
        future = loop.create_future()
        handle = loop.call_later(delay, _set_result_unless_cancelled, future, result)
        try:
            return await future
        finally:
            handle.cancel()


    def gather(*coros_or_futures, return_exceptions=False):
        loop = get_running_loop()
        children = [ensure_future(arg, loop=loop) for arg in coros_or_futures]
        outer = loop.create_future()
        if not children:
            outer.set_result([])
            return outer
        finished = [0]

        def _done_callback(fut):
            finished[0] += 1
            if outer.done():
                return
            if not return_exceptions:
                if fut.cancelled():
                    outer.set_exception(CancelledError())
                    return
                if fut.exception() is not None:
                    outer.set_exception(fut.exception())
                    return
            if finished[0] == len(children):
                results = []
                for child in children:
                    if child.cancelled():
                        results.append(CancelledError())
                    elif child.exception() is not None:
                        results.append(child.exception())
                    else:
                        results.append(child.result())
                outer.set_result(results)

        for child in children:
            child.add_done_callback(_done_callback)
        return outer


    def _release_waiter(waiter, *args):
        if not waiter.done():
            waiter.set_result(None)


    async def wait_for(fut, timeout):
        # tasks.wait_for as up to 3.11: wait for the future or the timeout; on the timeout cancel it and raise.
        fut = ensure_future(fut)
        if timeout is None:
            return await fut
        loop = get_running_loop()
        waiter = loop.create_future()
        handle = loop.call_later(timeout, _release_waiter, waiter)

        def wake(done):
            _release_waiter(waiter)

        fut.add_done_callback(wake)
        try:
            await waiter
            if fut.done():
                return fut.result()
            fut.remove_done_callback(wake)
            fut.cancel()
            cancelled = loop.create_future()
            fut.add_done_callback(lambda done: _release_waiter(cancelled))
            await cancelled
            raise TimeoutError()
        finally:
            handle.cancel()


    async def to_thread(func, *args, **kwargs):
        loop = get_running_loop()
        return await loop.run_in_executor(None, lambda: func(*args, **kwargs))


    async def _wait_on(waiters):
        # A future of the running loop among `waiters` until it is done (or the task is cancelled).
        fut = get_running_loop().create_future()
        waiters.append(fut)
        try:
            await fut
        finally:
            waiters.remove(fut)


    class Event:
        def __init__(self):
            self._waiters = []
            self._value = False

        def is_set(self):
            return self._value

        def set(self):
            if not self._value:
                self._value = True
                for fut in self._waiters:
                    if not fut.done():
                        fut.set_result(True)

        def clear(self):
            self._value = False

        async def wait(self):
            if self._value:
                return True
            await _wait_on(self._waiters)
            return True


    def _wake_first(waiters):
        for fut in waiters:
            if not fut.done():
                fut.set_result(True)
                break


    class _ContextManagerMixin:
        # locks.py: `async with` acquires and releases.
        async def __aenter__(self):
            await self.acquire()
            return None

        async def __aexit__(self, exc_type, exc, tb):
            self.release()


    class Lock(_ContextManagerMixin):
        def __init__(self):
            self._waiters = []
            self._locked = False

        def locked(self):
            return self._locked

        async def acquire(self):
            if not self._locked and not [w for w in self._waiters if not w.cancelled()]:
                self._locked = True
                return True
            await _wait_on(self._waiters)
            self._locked = True
            return True

        def release(self):
            if not self._locked:
                raise RuntimeError("Lock is not acquired.")
            self._locked = False
            _wake_first(self._waiters)


    class Semaphore(_ContextManagerMixin):
        def __init__(self, value=1):
            if value < 0:
                raise ValueError("Semaphore initial value must be >= 0")
            self._value = value
            self._waiters = []

        def locked(self):
            return self._value == 0

        async def acquire(self):
            while self._value <= 0:
                await _wait_on(self._waiters)
            self._value -= 1
            return True

        def release(self):
            self._value += 1
            _wake_first(self._waiters)


    class Queue:
        def __init__(self, maxsize=0):
            self._maxsize = maxsize
            self._items = []
            self._getters = []
            self._putters = []
            self._unfinished_tasks = 0
            self._finished = Event()
            self._finished.set()

        def qsize(self):
            return len(self._items)

        def empty(self):
            return not self._items

        def full(self):
            return 0 < self._maxsize <= len(self._items)

        def _wakeup_next(self, waiters):
            while waiters:
                waiter = waiters.pop(0)
                if not waiter.done():
                    waiter.set_result(None)
                    break

        async def put(self, item):
            while self.full():
                putter = get_running_loop().create_future()
                self._putters.append(putter)
                await putter
            self.put_nowait(item)

        def put_nowait(self, item):
            if self.full():
                raise QueueFull()
            self._items.append(item)
            self._unfinished_tasks += 1
            self._finished.clear()
            self._wakeup_next(self._getters)

        async def get(self):
            while self.empty():
                getter = get_running_loop().create_future()
                self._getters.append(getter)
                await getter
            return self.get_nowait()

        def get_nowait(self):
            if self.empty():
                raise QueueEmpty()
            item = self._items.pop(0)
            self._wakeup_next(self._putters)
            return item

        def task_done(self):
            if self._unfinished_tasks <= 0:
                raise ValueError("task_done() called too many times")
            self._unfinished_tasks -= 1
            if self._unfinished_tasks == 0:
                self._finished.set()

        async def join(self):
            if self._unfinished_tasks > 0:
                await self._finished.wait()
    """#
}
