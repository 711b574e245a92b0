import SchedulerEngine

/// Reads a Python file into a `PythonModule`, as CPython's parser does for the grammar of the interpreter chosen,
/// with CPython's messages for its syntax errors. Recursive descent over the tokens, one function per rule of the
/// language reference's grammar; written by hand because no Swift library here parses Python.
public enum PythonParser {
  public static func parse(_ source: String, file: String, grammar: PythonGrammar = .python3)
    throws(SourceDiagnostic) -> PythonModule
  {
    let errors = SyntaxErrors(file: file, source: source)
    var tokenizer = PythonTokenizer(source: source, grammar: grammar, errors: errors)
    try tokenizer.tokenize()
    var parser = PythonParserState(tokens: tokenizer.tokens, grammar: grammar, errors: errors)
    let body = try parser.module()
    return PythonModule(body: body, comments: tokenizer.comments, grammar: grammar)
  }
}

/// The words that cannot be names, per grammar (`print` and `exec` are statements in Python 2).
enum PythonKeywords {
  static let python3: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
  ]
  static let python2: Set<String> = [
    "and", "as", "assert", "break", "class", "continue", "def", "del", "elif", "else", "except", "exec", "finally",
    "for", "from", "global", "if", "import", "in", "is", "lambda", "not", "or", "pass", "print", "raise", "return",
    "try", "while", "with", "yield",
  ]
}

struct PythonParserState {
  var tokens: [PythonToken]
  var position = 0
  let grammar: PythonGrammar
  let errors: SyntaxErrors
  /// Python 2 after `from __future__ import print_function`: `print` is a name.
  var printIsFunction: Bool
  /// How deep the expressions nest, bounded so that a pathological file cannot exhaust the stack.
  var depth = 0
  static let maximumDepth = 200

  init(tokens: [PythonToken], grammar: PythonGrammar, errors: SyntaxErrors) {
    self.tokens = tokens
    self.grammar = grammar
    self.errors = errors
    self.printIsFunction = grammar == .python3
  }

  var current: PythonToken { tokens[position] }
  var next: PythonToken { tokens[min(position + 1, tokens.count - 1)] }

  @discardableResult
  mutating func advance() -> PythonToken {
    let token = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  func isKeyword(_ word: String) -> Bool {
    guard current.isName(word) else { return false }
    return isKeywordWord(word)
  }

  func isKeywordWord(_ word: String) -> Bool {
    if word == "print" { return grammar == .python2 && !printIsFunction }
    return (grammar == .python3 ? PythonKeywords.python3 : PythonKeywords.python2).contains(word)
  }

  mutating func accept(_ op: String) -> Bool {
    guard current.isOp(op) else { return false }
    advance()
    return true
  }

  mutating func acceptKeyword(_ word: String) -> Bool {
    guard isKeyword(word) else { return false }
    advance()
    return true
  }

  mutating func expect(_ op: String) throws(SourceDiagnostic) {
    guard accept(op) else { throw errors.at(current.start, "expected '\(op)'") }
  }

  /// "invalid syntax" at the current token, or a more precise message when the token says what went wrong.
  func invalid() -> SourceDiagnostic {
    switch current.kind {
    case .indent: errors.at(current.start, "unexpected indent", kind: "IndentationError")
    case .endOfFile: errors.at(current.start, "unexpected EOF while parsing")
    default: errors.at(current.start, "invalid syntax")
    }
  }

  mutating func name() throws(SourceDiagnostic) -> String {
    guard case .name(let word) = current.kind, !isKeywordWord(word) else { throw invalid() }
    advance()
    return word
  }

  // MARK: statements

  mutating func module() throws(SourceDiagnostic) -> [PythonStatement] {
    var body: [PythonStatement] = []
    while current.kind != .endOfFile {
      if current.kind == .newline {
        advance()
        continue
      }
      body += try statement()
    }
    return body
  }

  /// A statement: one compound statement, or the simple statements of one line.
  mutating func statement() throws(SourceDiagnostic) -> [PythonStatement] {
    let start = current.start
    if current.kind == .indent { throw invalid() }
    if current.isOp("@") { return [try decorated()] }
    if grammar == .python3, current.isName("match"), isMatchStatement {
      throw errors.subset(start, "'match' statements are not in giltutor's Python subset")
    }
    if case .name(let word) = current.kind, isKeywordWord(word) || word == "async" {
      switch word {
      case "if": return [try ifStatement()]
      case "while":
        advance()
        let test = try namedExpression()
        let body = try block(after: "'while' statement", line: start.line)
        let orElse = try elseBlock()
        return [PythonStatement(kind: .whileLoop(test: test, body: body, orElse: orElse), location: start)]
      case "for": return [try forStatement(isAsync: false, start: start)]
      case "try": return [try tryStatement()]
      case "with": return [try withStatement(isAsync: false, start: start)]
      case "def": return [try functionDefinition(decorators: [], isAsync: false, start: start)]
      case "class": return [try classDefinition(decorators: [], start: start)]
      case "async" where grammar == .python3:
        advance()
        if isKeyword("def") { return [try functionDefinition(decorators: [], isAsync: true, start: start)] }
        if isKeyword("for") { return [try forStatement(isAsync: true, start: start)] }
        if isKeyword("with") { return [try withStatement(isAsync: true, start: start)] }
        throw invalid()
      default: break
      }
    }
    return try simpleStatements()
  }

  /// `match` is a keyword only where a statement `match SUBJECT:` begins (a soft keyword, PEP 634): a name
  /// followed by an expression, the line ending in `:` and an indented block.
  var isMatchStatement: Bool {
    let nextToken = tokens[min(position + 1, tokens.count - 1)]
    if case .op(let op) = nextToken.kind, !["(", "[", "{", "-", "+", "~", "*"].contains(op) { return false }
    if nextToken.kind == .newline || nextToken.kind == .endOfFile { return false }
    var i = position + 1
    while i < tokens.count, tokens[i].kind != .newline, tokens[i].kind != .endOfFile { i += 1 }
    return i + 1 < tokens.count && tokens[i - 1].isOp(":") && tokens[i + 1].kind == .indent
  }

  mutating func simpleStatements() throws(SourceDiagnostic) -> [PythonStatement] {
    var statements = [try simpleStatement()]
    while accept(";") {
      if current.kind == .newline { break }
      statements.append(try simpleStatement())
    }
    guard current.kind == .newline || current.kind == .endOfFile else { throw invalid() }
    advance()
    return statements
  }

  mutating func simpleStatement() throws(SourceDiagnostic) -> PythonStatement {
    let start = current.start
    func made(_ kind: PythonStatement.Kind) -> PythonStatement { PythonStatement(kind: kind, location: start) }
    if case .name(let word) = current.kind, isKeywordWord(word) {
      switch word {
      case "pass":
        advance()
        return made(.pass)
      case "break":
        advance()
        return made(.breakLoop)
      case "continue":
        advance()
        return made(.continueLoop)
      case "return":
        advance()
        let value = endsStatement ? nil : try starExpressions()
        if let value { try rejectBareStarred(value) }
        return made(.returnValue(value))
      case "raise":
        advance()
        if endsStatement { return made(.raise(exception: nil, cause: nil)) }
        let exception = try expression()
        if grammar == .python2, current.isOp(",") {
          throw errors.subset(
            current.start, "Python 2's 'raise E, V' is not in giltutor's Python subset: write raise E(V)")
        }
        let cause = acceptKeyword("from") ? try expression() : nil
        return made(.raise(exception: exception, cause: cause))
      case "global", "nonlocal":
        advance()
        var names = [try name()]
        while accept(",") { names.append(try name()) }
        return made(word == "global" ? .global(names) : .nonlocal(names))
      case "del":
        advance()
        let targets = try expressionList(star: true)
        for target in targets { try checkTarget(target, for: .delete) }
        return made(.delete(targets))
      case "assert":
        advance()
        let test = try expression()
        let message = accept(",") ? try expression() : nil
        return made(.assert(test: test, message: message))
      case "import": return try importStatement()
      case "from": return try fromImport()
      case "print": return try printStatement()
      case "exec":
        advance()
        _ = try expressionList(star: false)
        return made(.unsupported("exec"))
      default: break
      }
    }
    return try expressionStatement()
  }

  var endsStatement: Bool {
    current.kind == .newline || current.kind == .endOfFile || current.isOp(";")
  }

  mutating func expressionStatement() throws(SourceDiagnostic) -> PythonStatement {
    let start = current.start
    let first = try starExpressionsOrYield()
    if grammar == .python3, case .name("print") = first.kind, startsOperand {
      throw errors.at(start, "Missing parentheses in call to 'print'. Did you mean print(...)?")
    }
    if current.isOp("=") {
      var targets = [first]
      var value = first
      while accept("=") {
        value = try starExpressionsOrYield()
        targets.append(value)
      }
      targets.removeLast()
      try rejectBareStarred(value)
      for target in targets { try checkTarget(target, for: .assign) }
      return PythonStatement(kind: .assign(targets: targets, value: value), location: start)
    }
    if case .op(let spelling) = current.kind, spelling.count >= 2, spelling.hasSuffix("="),
      let op = BinaryOperator(rawValue: String(spelling.dropLast()))
    {
      let at = current.start
      advance()
      switch first.kind {
      case .name, .attribute, .subscript: break
      default:
        throw errors.at(first.location, "'\(Self.describe(first))' is an illegal expression for augmented assignment")
      }
      _ = at
      let value = try starExpressionsOrYield()
      return PythonStatement(kind: .augmentedAssign(target: first, op: op, value: value), location: start)
    }
    if current.isOp(":"), grammar == .python3 {
      advance()
      switch first.kind {
      case .name, .attribute, .subscript: break
      default: throw errors.at(first.location, "only single target (not \(Self.describe(first))) can be annotated")
      }
      let annotation = try expression()
      let value = accept("=") ? try starExpressionsOrYield() : nil
      return PythonStatement(
        kind: .annotatedAssign(target: first, annotation: annotation, value: value), location: start)
    }
    if case .starred = first.kind { throw errors.at(first.location, "can't use starred expression here") }
    return PythonStatement(kind: .expression(first), location: start)
  }

  /// Whether the current token could begin an operand: after `print` in Python 3, the sign of a Python 2 print.
  var startsOperand: Bool {
    switch current.kind {
    case .string, .integer, .float: true
    case .name(let word): !isKeywordWord(word) || ["None", "True", "False", "not", "lambda"].contains(word)
    default: false
    }
  }

  mutating func starExpressionsOrYield() throws(SourceDiagnostic) -> PythonExpression {
    isKeyword("yield") ? try yieldExpression() : try starExpressions()
  }

  mutating func printStatement() throws(SourceDiagnostic) -> PythonStatement {
    let start = advance().start
    var destination: PythonExpression?
    if accept(">>") {
      destination = try expression()
      if !endsStatement { try expect(",") }
    }
    var values: [PythonExpression] = []
    var newline = true
    while !endsStatement {
      values.append(try expression())
      newline = true
      if !accept(",") { break }
      newline = false
    }
    return PythonStatement(kind: .print(values: values, destination: destination, newline: newline), location: start)
  }

  mutating func importStatement() throws(SourceDiagnostic) -> PythonStatement {
    let start = advance().start
    var names: [ImportedName] = []
    repeat {
      let at = current.start
      let module = try dottedName()
      let alias = acceptKeyword("as") ? try name() : nil
      names.append(ImportedName(name: module, alias: alias, location: at))
    } while accept(",")
    return PythonStatement(kind: .importModules(names), location: start)
  }

  mutating func fromImport() throws(SourceDiagnostic) -> PythonStatement {
    let start = advance().start
    var level = 0
    while current.isOp(".") || current.isOp("...") {
      level += current.isOp(".") ? 1 : 3
      advance()
    }
    let module = level > 0 && isKeyword("import") ? "" : try dottedName()
    guard acceptKeyword("import") else { throw errors.at(current.start, "expected 'import'") }
    if accept("*") {
      return PythonStatement(kind: .importFrom(module: module, level: level, names: []), location: start)
    }
    let parenthesised = accept("(")
    var names: [ImportedName] = []
    repeat {
      if parenthesised && current.isOp(")") { break }
      let at = current.start
      let imported = try name()
      let alias = acceptKeyword("as") ? try name() : nil
      names.append(ImportedName(name: imported, alias: alias, location: at))
    } while accept(",")
    if parenthesised { try expect(")") }
    if module == "__future__" && names.contains(where: { $0.name == "print_function" }) { printIsFunction = true }
    return PythonStatement(kind: .importFrom(module: module, level: level, names: names), location: start)
  }

  mutating func dottedName() throws(SourceDiagnostic) -> String {
    var parts = [try name()]
    while accept(".") { parts.append(try name()) }
    return parts.joined(separator: ".")
  }

  // MARK: compound statements

  /// `:` and the indented block (or the simple statements on the same line) of the statement that began on
  /// `line`.
  mutating func block(after what: String, line: Int) throws(SourceDiagnostic) -> [PythonStatement] {
    try expect(":")
    guard current.kind == .newline else { return try simpleStatements() }
    advance()
    guard current.kind == .indent else {
      throw errors.at(
        current.start, "expected an indented block after \(what) on line \(line)", kind: "IndentationError")
    }
    advance()
    var body: [PythonStatement] = []
    while current.kind != .dedent && current.kind != .endOfFile {
      body += try statement()
    }
    advance()
    return body
  }

  mutating func elseBlock() throws(SourceDiagnostic) -> [PythonStatement] {
    let line = current.start.line
    return acceptKeyword("else") ? try block(after: "'else' statement", line: line) : []
  }

  mutating func ifStatement() throws(SourceDiagnostic) -> PythonStatement {
    let start = advance().start
    let test = try namedExpression()
    let body = try block(after: "'if' statement", line: start.line)
    if isKeyword("elif") {
      let branch = try ifStatement()
      return PythonStatement(kind: .ifElse(test: test, body: body, orElse: [branch]), location: start)
    }
    return PythonStatement(kind: .ifElse(test: test, body: body, orElse: try elseBlock()), location: start)
  }

  mutating func forStatement(isAsync: Bool, start: SourceLocation) throws(SourceDiagnostic) -> PythonStatement {
    advance()
    let target = try targetList()
    guard acceptKeyword("in") else { throw errors.at(current.start, "expected 'in'") }
    let iterable = try starExpressions()
    try rejectBareStarred(iterable)
    let body = try block(after: "'for' statement", line: start.line)
    let orElse = try elseBlock()
    return PythonStatement(
      kind: .forLoop(target: target, iterable: iterable, body: body, orElse: orElse, isAsync: isAsync), location: start)
  }

  mutating func tryStatement() throws(SourceDiagnostic) -> PythonStatement {
    let start = advance().start
    let body = try block(after: "'try' statement", line: start.line)
    var handlers: [ExceptHandler] = []
    while isKeyword("except") {
      let at = advance().start
      if current.isOp("*") { throw errors.subset(current.start, "'except*' is not in giltutor's Python subset") }
      var type: PythonExpression?
      var name: String?
      if !current.isOp(":") {
        type = try expression()
        if acceptKeyword("as") {
          name = try self.name()
        } else if current.isOp(",") {
          guard grammar == .python2 else {
            throw errors.at(type!.location, "multiple exception types must be parenthesized")
          }
          advance()
          name = try self.name()
        }
      }
      let handlerBody = try block(after: "'except' statement", line: at.line)
      handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, location: at))
    }
    let orElse = handlers.isEmpty ? [] : try elseBlock()
    var finally: [PythonStatement] = []
    if isKeyword("finally") {
      let line = advance().start.line
      finally = try block(after: "'finally' statement", line: line)
    }
    if handlers.isEmpty && finally.isEmpty {
      throw errors.at(current.start, "expected 'except' or 'finally' block")
    }
    return PythonStatement(
      kind: .tryBlock(body: body, handlers: handlers, orElse: orElse, finally: finally), location: start)
  }

  mutating func withStatement(isAsync: Bool, start: SourceLocation) throws(SourceDiagnostic) -> PythonStatement {
    advance()
    var items: [WithItem] = []
    repeat {
      let context = try expression()
      var target: PythonExpression?
      if acceptKeyword("as") {
        target = try bitOr()
        try checkTarget(target!, for: .assign)
      }
      items.append(WithItem(context: context, target: target))
    } while accept(",")
    let body = try block(after: "'with' statement", line: start.line)
    return PythonStatement(kind: .with(items: items, body: body, isAsync: isAsync), location: start)
  }

  mutating func decorated() throws(SourceDiagnostic) -> PythonStatement {
    let start = current.start
    var decorators: [PythonExpression] = []
    while accept("@") {
      decorators.append(try namedExpression())
      guard current.kind == .newline else { throw invalid() }
      advance()
    }
    if isKeyword("def") { return try functionDefinition(decorators: decorators, isAsync: false, start: start) }
    if isKeyword("class") { return try classDefinition(decorators: decorators, start: start) }
    if current.isName("async"), grammar == .python3, next.isName("def") {
      advance()
      return try functionDefinition(decorators: decorators, isAsync: true, start: start)
    }
    throw invalid()
  }

  mutating func functionDefinition(decorators: [PythonExpression], isAsync: Bool, start: SourceLocation)
    throws(SourceDiagnostic) -> PythonStatement
  {
    let line = advance().start.line
    let name = try self.name()
    try expect("(")
    let parameters = try parameterList(closing: ")", annotations: true)
    try expect(")")
    let returns = grammar == .python3 && accept("->") ? try expression() : nil
    let body = try block(after: "function definition", line: line)
    let definition = FunctionDefinition(
      name: name, keywordLine: line, parameters: parameters, body: body, decorators: decorators, isAsync: isAsync,
      returns: returns)
    return PythonStatement(kind: .function(definition), location: start)
  }

  mutating func classDefinition(decorators: [PythonExpression], start: SourceLocation)
    throws(SourceDiagnostic) -> PythonStatement
  {
    let line = advance().start.line
    let name = try self.name()
    var bases: [PythonArgument] = []
    if accept("(") {
      bases = try arguments()
      try expect(")")
    }
    let body = try block(after: "class definition", line: line)
    return PythonStatement(
      kind: .classDefinition(name: name, bases: bases, body: body, decorators: decorators), location: start)
  }

  /// A `def`'s parameters (up to `closing`), or a `lambda`'s (up to `:`, without annotations).
  mutating func parameterList(closing: String, annotations: Bool) throws(SourceDiagnostic) -> [Parameter] {
    var parameters: [Parameter] = []
    var seenDefault = false
    var seenStar = false
    var names: Set<String> = []
    while !current.isOp(closing) {
      let at = current.start
      if parameters.last?.kind == .starStarKeywords {
        throw errors.at(at, "arguments cannot follow var-keyword argument")
      }
      if grammar == .python2, seenStar, !current.isOp("**") { throw invalid() }
      var parameter: Parameter
      if accept("/") {
        parameter = Parameter(name: "/", kind: .positionalOnlyMarker, location: at)
      } else if accept("**") {
        parameter = Parameter(name: try name(), kind: .starStarKeywords, location: at)
      } else if accept("*") {
        seenStar = true
        // Python 3's bare `*` (keyword-only parameters follow); Python 2 needs a name.
        let named = grammar == .python3 && (current.isOp(",") || current.isOp(closing)) ? "" : try name()
        parameter = Parameter(name: named, kind: .starArgs, location: at)
      } else {
        parameter = Parameter(name: try name(), kind: seenStar ? .keywordOnly : .positional, location: at)
      }
      if annotations, grammar == .python3, parameter.kind != .positionalOnlyMarker, !parameter.name.isEmpty,
        accept(":")
      {
        parameter.annotation = try expression()
      }
      if parameter.kind == .positional || parameter.kind == .keywordOnly, accept("=") {
        parameter.defaultValue = try expression()
        if parameter.kind == .positional { seenDefault = true }
      } else if parameter.kind == .positional && seenDefault {
        throw errors.at(at, "parameter without a default follows parameter with a default")
      }
      if !parameter.name.isEmpty && parameter.kind != .positionalOnlyMarker {
        guard names.insert(parameter.name).inserted else {
          throw errors.at(at, "duplicate argument '\(parameter.name)' in function definition")
        }
      }
      parameters.append(parameter)
      if !accept(",") { break }
    }
    return parameters
  }

  // MARK: targets

  enum TargetUse { case assign, delete, forLoop }

  /// Checks that `target` can be assigned to (or deleted), with CPython's message when it cannot.
  func checkTarget(_ target: PythonExpression, for use: TargetUse, inDisplay: Bool = false)
    throws(SourceDiagnostic)
  {
    switch target.kind {
    case .name, .attribute, .subscript: return
    case .tuple(let items), .list(let items):
      for item in items { try checkTarget(item, for: use, inDisplay: true) }
    case .starred where use != .delete && !inDisplay:
      throw errors.at(target.location, "starred assignment target must be in a list or tuple")
    case .starred(let inner) where use != .delete:
      try checkTarget(inner, for: use)
    default:
      let verb = use == .delete ? "delete" : "assign to"
      let hint = use == .assign ? " here. Maybe you meant '==' instead of '='?" : ""
      throw errors.at(target.location, "cannot \(verb) \(Self.describe(target))\(hint)")
    }
  }

  /// How CPython's messages name an expression that cannot be a target.
  static func describe(_ expression: PythonExpression) -> String {
    switch expression.kind {
    case .call: "function call"
    case .integer, .float, .string, .bytes: "literal"
    case .formatted: "f-string expression"
    case .constant(let constant):
      switch constant {
      case .none: "None"
      case .true: "True"
      case .false: "False"
      case .ellipsis: "ellipsis"
      }
    case .compare: "comparison"
    case .tuple: "tuple"
    case .list: "list"
    case .set: "set display"
    case .dict: "dict literal"
    case .comprehension(let kind, _, _):
      switch kind {
      case .list: "list comprehension"
      case .set: "set comprehension"
      case .generator: "generator expression"
      }
    case .dictComprehension: "dict comprehension"
    case .lambda: "lambda"
    case .conditional: "conditional expression"
    case .await: "await expression"
    case .yield: "yield expression"
    case .namedExpression: "named expression"
    case .starred: "starred"
    default: "expression"
    }
  }
}
