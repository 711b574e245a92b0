import DisplayText
import TerminalUI

/// The quiz's and the progress store's words, in both languages.
extension Strings {
  public var quizTrue: String { pick("True", "Верно") }
  public var quizFalse: String { pick("False", "Неверно") }
  public var quizNobody: String { pick("nobody: the GIL is free", "никто: GIL свободен") }
  public var quizMilliseconds: String { pick("ms", "мс") }
  public func quizMoment(_ time: String) -> String {
    pick("t = \(time): the moment in question", "t = \(time): момент из вопроса")
  }

  /// A number as the learner writes it: no needless `.0`, a decimal comma in Russian.
  public func quizNumber(_ value: Double) -> String {
    NumberText.localized(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value), language)
  }

  public func quizTitle(_ lesson: String) -> String { pick("Quiz: \(lesson)", "Тест: \(lesson)") }
  public func quizQuestion(_ number: Int, of total: Int) -> String {
    pick("Question \(number) of \(total)", "Вопрос \(number) из \(total)")
  }
  public func quizRound(_ round: Int) -> String { pick("round \(round): asked again", "круг \(round): ещё раз") }
  public var quizRight: String { pick("Right.", "Верно.") }
  public var quizWrong: String { pick("Not quite.", "Не совсем.") }
  public func quizTheAnswer(_ answer: String) -> String { pick("The answer: \(answer)", "Ответ: \(answer)") }
  public var quizWillReturn: String {
    pick("This question comes back at the end of the round.", "Этот вопрос вернётся в конце круга.")
  }
  public var quizSelectAll: String { pick("Select all that apply.", "Отметьте все верные варианты.") }
  public var quizPutInOrder: String { pick("Put the steps in order.", "Расставьте шаги по порядку.") }
  public var quizTypeNumber: String { pick("Type a number.", "Введите число.") }

  // --plain prompts.
  public var quizPlainOne: String { pick("Answer with the option's number.", "Ответ: номер варианта.") }
  public var quizPlainMany: String {
    pick("Answer with the numbers of all that apply, e.g. 1 3.", "Ответ: номера всех верных вариантов, например 1 3.")
  }
  public var quizPlainOrder: String {
    pick(
      "Answer with the step numbers in the right order, e.g. 3 1 2.",
      "Ответ: номера шагов в правильном порядке, например 3 1 2.")
  }
  public var quizPlainNumber: String { pick("Answer with a number.", "Ответ: число.") }
  public var quizPlainQuit: String { pick("(q leaves; progress is kept)", "(q — выйти; прогресс сохранится)") }
  public func quizNotAnAnswer(_ text: String) -> String {
    pick("'\(text)' is not an answer to this question; try again.", "'\(text)' — не ответ на этот вопрос; ещё раз.")
  }

  // Summary.
  public var quizDone: String { pick("Quiz finished", "Тест пройден") }
  public var quizLeft: String { pick("Quiz left early", "Тест прерван") }
  public func quizScore(_ right: Int, _ total: Int) -> String {
    pick("Right the first time: \(right) of \(total)", "Верно с первого раза: \(right) из \(total)")
  }
  public func quizTime(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    let text = "\(total / 60):" + (total % 60 < 10 ? "0" : "") + "\(total % 60)"
    return pick("Time: \(text)", "Время: \(text)")
  }
  public var quizRevisit: String { pick("Topics to revisit:", "Что стоит перечитать:") }
  public var quizNothingToRevisit: String { pick("Nothing to revisit: well done.", "Перечитывать нечего: отлично.") }
  public func quizTopic(_ topic: String, page: Int?) -> String {
    guard let page else { return topic }
    return pick("\(topic) (page \(page))", "\(topic) (стр. \(page))")
  }

  // Progress store.
  public func progressMovedAside(_ path: String, reason: String) -> String {
    pick(
      "giltutor: the progress file could not be read (\(reason)); kept as \(path), starting fresh",
      "giltutor: файл прогресса не читается (\(reason)); сохранён как \(path), начинаем заново")
  }
  public func progressNewer(_ path: String, version: Int) -> String {
    pick(
      "giltutor: \(path) is from a newer giltutor (format \(version)); it is left unchanged and progress is not saved",
      "giltutor: \(path) от более новой версии giltutor (формат \(version)); файл не тронут, прогресс не сохраняется")
  }
  public func progressNotSaved(_ reason: String) -> String {
    pick("giltutor: progress not saved: \(reason)", "giltutor: прогресс не сохранён: \(reason)")
  }
}

/// `giltutor progress`.
extension Strings {
  public func progressFile(_ path: String) -> String { pick("Progress file: \(path)", "Файл прогресса: \(path)") }
  public var progressNothing: String { pick("No progress yet.", "Прогресса пока нет.") }
  public func progressPosition(_ lesson: String, page: Int) -> String {
    pick("Stopped at: \(lesson), page \(page)", "Остановились на: \(lesson), стр. \(page)")
  }
  public var progressQuizzes: String { pick("Quizzes:", "Тесты:") }
  public func progressQuiz(best: String, last: String, attempts: Int) -> String {
    pick(
      "best \(best), last \(last), \(attempts) attempt\(attempts == 1 ? "" : "s")",
      "лучший \(best), последний \(last), попыток: \(attempts)")
  }
  public var progressUnfinished: String { pick("unfinished", "не закончен") }
  public var progressNone: String { pick("none", "нет") }
  public var progressResetQuestion: String {
    pick(
      "Clear all progress (where you stopped, quiz scores and mistakes)? [y/N] ",
      "Стереть весь прогресс (где остановились, результаты тестов, ошибки)? [y/N] ")
  }
  public var progressCleared: String { pick("Progress cleared.", "Прогресс стёрт.") }
  public var progressKept: String { pick("Nothing changed.", "Ничего не изменено.") }
  public var progressNoStore: String {
    pick(
      "giltutor: nowhere to keep progress (set XDG_STATE_HOME or HOME)",
      "giltutor: прогресс негде хранить (задайте XDG_STATE_HOME или HOME)")
  }
}

/// The quiz screens.
extension Strings {
  public var quizHintChoose: String {
    pick("1-9 or ↑↓ space: choose  Enter: answer", "1-9 или ↑↓ пробел: выбор  Enter: ответ")
  }
  public var quizHintOrder: String {
    pick(
      "1-9 or ↑↓ space: next step  ⌫ undo  Enter: answer", "1-9 или ↑↓ пробел: следующий шаг  ⌫ отмена  Enter: ответ")
  }
  public var quizHintNumber: String { pick("type the number  Enter: answer", "введите число  Enter: ответ") }
  public var quizHintNext: String { pick("↑↓ scroll  Enter: next question", "↑↓ прокрутка  Enter: следующий вопрос") }
  public var quizHintSummary: String {
    pick(
      "↑↓ topic  Enter: open its page  r: again  →: next lesson",
      "↑↓ тема  Enter: открыть страницу  r: ещё раз  →: дальше")
  }
  public var quizHintOffer: String {
    pick("Enter: start the quiz  →: next lesson  ←: back", "Enter: начать тест  →: следующий урок  ←: назад")
  }
  public func quizOffer(_ lesson: String) -> String {
    pick("You have reached the end of \"\(lesson)\".", "Урок «\(lesson)» пройден.")
  }
  public func quizOfferQuestions(_ count: Int) -> String {
    pick(
      "Test yourself: \(count) questions. Wrong answers come back until you get them right.",
      "Проверьте себя: вопросов — \(count). Вопросы с ошибкой вернутся, пока не ответите верно.")
  }
  public var quizAnswerField: String { pick("Answer:", "Ответ:") }
  public var quizHelpLines: [(String, String)] {
    [
      ("1-9", pick("choose an option (or the next step)", "выбрать вариант (или следующий шаг)")),
      ("↑ ↓ space", pick("move, then choose with space", "перейти и выбрать пробелом")),
      ("Enter", pick("answer / next question", "ответить / следующий вопрос")),
      ("⌫", pick("undo the last step or digit", "отменить последний шаг или цифру")),
      ("Esc", pick("back to the lesson", "назад к уроку")),
      ("? F1", pick("this help", "эта справка")),
      ("q F10", pick("quit (your answers are kept)", "выход (ответы сохраняются)")),
    ]
  }
}
