"""Built-ins and methods called with too few or too many arguments: CPython 3.12's TypeErrors."""

try:
    repr()
except TypeError as e:
    print('repr()', '|', e)
try:
    sum()
except TypeError as e:
    print('sum()', '|', e)
try:
    abs()
except TypeError as e:
    print('abs()', '|', e)
try:
    sorted()
except TypeError as e:
    print('sorted()', '|', e)
try:
    enumerate()
except TypeError as e:
    print('enumerate()', '|', e)
try:
    reversed()
except TypeError as e:
    print('reversed()', '|', e)
try:
    isinstance(1)
except TypeError as e:
    print('isinstance(1)', '|', e)
try:
    round()
except TypeError as e:
    print('round()', '|', e)
try:
    type()
except TypeError as e:
    print('type()', '|', e)
try:
    min()
except TypeError as e:
    print('min()', '|', e)
try:
    max()
except TypeError as e:
    print('max()', '|', e)
try:
    len()
except TypeError as e:
    print('len()', '|', e)
try:
    [].append()
except TypeError as e:
    print('[].append()', '|', e)
try:
    [].append(1, 2)
except TypeError as e:
    print('[].append(1, 2)', '|', e)
try:
    [].extend()
except TypeError as e:
    print('[].extend()', '|', e)
try:
    [].insert(0)
except TypeError as e:
    print('[].insert(0)', '|', e)
try:
    [].index()
except TypeError as e:
    print('[].index()', '|', e)
try:
    [].count()
except TypeError as e:
    print('[].count()', '|', e)
try:
    {}.get()
except TypeError as e:
    print('{}.get()', '|', e)
try:
    {}.setdefault()
except TypeError as e:
    print('{}.setdefault()', '|', e)
try:
    {}.pop()
except TypeError as e:
    print('{}.pop()', '|', e)
try:
    set().add()
except TypeError as e:
    print('set().add()', '|', e)
try:
    ''.join()
except TypeError as e:
    print("''.join()", '|', e)
try:
    [].remove()
except TypeError as e:
    print('[].remove()', '|', e)
try:
    set().discard()
except TypeError as e:
    print('set().discard()', '|', e)
try:
    set().remove()
except TypeError as e:
    print('set().remove()', '|', e)
try:
    ''.split(1, 2, 3)
except TypeError as e:
    print("''.split(1, 2, 3)", '|', e)
try:
    ''.startswith()
except TypeError as e:
    print("''.startswith()", '|', e)
try:
    ''.endswith()
except TypeError as e:
    print("''.endswith()", '|', e)
try:
    ''.replace('a')
except TypeError as e:
    print("''.replace('a')", '|', e)
try:
    ''.find()
except TypeError as e:
    print("''.find()", '|', e)
try:
    ''.count()
except TypeError as e:
    print("''.count()", '|', e)
try:
    ().index()
except TypeError as e:
    print('().index()', '|', e)
try:
    ().count()
except TypeError as e:
    print('().count()', '|', e)
try:
    ''.zfill()
except TypeError as e:
    print("''.zfill()", '|', e)
try:
    ''.ljust()
except TypeError as e:
    print("''.ljust()", '|', e)
try:
    ''.rjust()
except TypeError as e:
    print("''.rjust()", '|', e)
try:
    ''.center()
except TypeError as e:
    print("''.center()", '|', e)
try:
    {}.update(1, 2)
except TypeError as e:
    print('{}.update(1, 2)', '|', e)
