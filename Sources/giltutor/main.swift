print("giltutor")
