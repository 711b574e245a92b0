extension PythonModules {
  /// `functools.partial`, `reduce`, `wraps` and `update_wrapper`, written in Python as `Lib/functools.py` has
  /// them (where CPython's `partial` and `reduce` are C, this one's call takes a Python frame more: a partial as a
  /// thread's target runs in the thread as CPython's does). `lru_cache` and `cache` are not modelled yet.
  static let functools = #"""
    import sys

    WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")


    class partial:
        def __init__(self, func, *args, **keywords):
            if not callable(func):
                raise TypeError("the first argument must be callable")
            if isinstance(func, partial):
                args = func.args + args
                merged = dict(func.keywords)
                merged.update(keywords)
                keywords = merged
                func = func.func
            self.func = func
            self.args = args
            self.keywords = keywords

        def __call__(self, *args, **keywords):
            merged = dict(self.keywords)
            merged.update(keywords)
            return self.func(*self.args, *args, **merged)

        def __repr__(self):
            parts = [repr(self.func)] + [repr(a) for a in self.args]
            parts += [f"{k}={v!r}" for k, v in self.keywords.items()]
            return "functools.partial(" + ", ".join(parts) + ")"


    def reduce(function, iterable, *initial):
        if len(initial) > 1:
            raise TypeError(f"reduce expected at most 3 arguments, got {len(initial) + 2}")
        items = list(iterable)
        if initial:
            value = initial[0]
        elif items:
            value = items.pop(0)
        else:
            empty = "sequence" if sys.version_info < (3, 10) else "iterable"
            raise TypeError(f"reduce() of empty {empty} with no initial value")
        for element in items:
            value = function(value, element)
        return value


    def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS):
        for attribute in assigned:
            if hasattr(wrapped, attribute):
                setattr(wrapper, attribute, getattr(wrapped, attribute))
        wrapper.__wrapped__ = wrapped
        return wrapper


    def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS):
        def decorator(wrapper):
            return update_wrapper(wrapper, wrapped, assigned)
        return decorator
    """#
}
