# math: a prime test's sqrt, and the functions a simulation computes with, as libm computes them.
import math


def is_prime(n):
    if n < 2:
        return False
    for i in range(2, int(math.sqrt(n)) + 1):
        if n % i == 0:
            return False
    return True


print([n for n in range(50) if is_prime(n)], math.isqrt(99), math.isqrt(10**12 + 1))
print(math.sqrt(2), math.exp(1.5), math.log(10), math.log(8, 2), math.log2(1024), math.log10(0.001))
print(math.sin(1), math.cos(1), math.tan(0.5), math.atan(1) * 4, math.atan2(1, -1), math.hypot(3, 4))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.fabs(-3), math.pow(2, 0.5), math.pi, math.e, math.tau)
print(math.gcd(12, 18), math.gcd(7, 21), math.factorial(20), math.isnan(math.nan), math.isinf(-math.inf))
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.exp(1000), lambda: math.floor(math.inf)):
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
