import TraceIO

/// The interface's name for the one width function, `TraceIO.DisplayWidth` (wcwidth under the current locale).
public typealias TextWidth = DisplayWidth
