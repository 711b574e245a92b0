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
