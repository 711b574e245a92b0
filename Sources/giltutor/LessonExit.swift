/// Exit statuses of the lesson commands.
enum LessonExit {
  static let usage: Int32 = 2
}
