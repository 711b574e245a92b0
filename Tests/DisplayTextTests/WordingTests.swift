import DisplayText
import SchedulerEngine
import Testing

@Suite struct WordingTests {
  @Test func statesAndEventsInBothLanguages() {
    #expect(Words.en.state(.io) == "I/O, GIL released")
    #expect(Words.ru.state(.waitingGIL) == "ждёт GIL")
    #expect(Words.en.event(.gilAcquire, thread: "net", other: "") == "net takes the GIL")
    #expect(Words.ru.event(.gilDropRequest, thread: "net", other: "cpu") == "net просит cpu отдать GIL")
    #expect(Words.en.event(.bytecode, thread: "net", other: "") == nil)
    #expect(Words.ru.eventLabel(.gilAcquire) == "GIL взят, передача")
    #expect(Words.ru.duration(2_720_000) == "2,72 мс")
  }

  /// Every state and every kind of event has words in both languages, and they differ.
  @Test func nothingIsLeftInEnglish() {
    for state in ThreadState.allCases {
      #expect(!Words.ru.state(state).isEmpty && Words.ru.state(state) != Words.en.state(state))
    }
    for kind in EventKind.allCases where kind != .bytecode {
      #expect(Words.ru.eventLabel(kind) != Words.en.eventLabel(kind))
    }
  }
}
