import threading

def bad():
    x = 1 / 0

t = threading.Thread(target=bad)
t.start()
t.join()
print("main goes on")
