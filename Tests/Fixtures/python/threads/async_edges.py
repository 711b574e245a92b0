"""A generator two threads resume at once, gather with an exception, a task cancelled while it waits."""
import asyncio
import threading
import time


def slow_gen():
    for i in range(3):
        time.sleep(0.01)
        yield i


g = slow_gen()
errors = []


def consume():
    try:
        for x in g:
            pass
    except ValueError as e:
        errors.append(str(e))


threads = [threading.Thread(target=consume) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(errors)


async def boom():
    await asyncio.sleep(0.01)
    raise KeyError("boom")


async def slow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise


async def main():
    try:
        await asyncio.gather(boom(), asyncio.sleep(0.02))
    except KeyError as e:
        print("gather raised", repr(e))
    print(await asyncio.gather(boom(), asyncio.sleep(0.02, "ok"), return_exceptions=True))
    task = asyncio.create_task(slow())
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled", task.cancelled())
    print(asyncio.current_task().get_name())


asyncio.run(main())
