/// The "Did you mean: …?" of CPython's tracebacks (Lib/traceback.py, `_compute_suggestion_error`): the closest
/// name by a Levenshtein distance where a change of case costs 1 and any other edit 2, within a third of the
/// characters involved.
extension PythonMachine {
  func attributeError(_ object: PyValue, _ name: String) -> PythonError {
    let message: String
    if case .module(let module) = object {
      message = "module '\(module.name)' has no attribute '\(name)'"
    } else if case .type(let type) = object {
      message = "type object '\(type.name)' has no attribute '\(name)'"
    } else {
      message = "'\(typeName(object))' object has no attribute '\(name)'"
    }
    let error = raise("AttributeError", message)
    if case .raised(let id) = error {
      exceptions[id].suggestion = Self.closest(to: name, among: attributeNames(object))
    }
    return error
  }

  /// `name` is not defined: suggested from the frame's locals, the globals and the built-ins, or as `self.name`.
  func nameError(_ name: String, locals: [(String, PyValue)], globals: PyDict) -> PythonError {
    let error = raise("NameError", "name '\(name)' is not defined")
    guard case .raised(let id) = error else { return error }
    exceptions[id].missingName = name
    if let (_, selfValue) = locals.first(where: { $0.0 == "self" }), (try? getAttribute(selfValue, name)) != nil {
      exceptions[id].suggestion = "self.\(name)"
      return error
    }
    let globalNames = globals.keys.compactMap { if case .str(let s) = $0 { s } else { nil } }
    let candidates = locals.map(\.0) + globalNames + builtinOrder
    exceptions[id].suggestion = Self.closest(to: name, among: candidates)
    return error
  }

  /// `dir(obj)`, as far as the suggestions need it: sorted names of its attributes and methods.
  func attributeNames(_ object: PyValue) -> [String] {
    var names: Set<String> = []
    switch object {
    case .instance(let instance):
      names.formUnion(instance.attributes.keys)
      for type in instance.type.lineage { names.formUnion(type.attributes.keys) }
    case .type(let type):
      for t in type.lineage { names.formUnion(t.attributes.keys) }
    case .module(let module): names.formUnion(module.attributes.keys)
    case .exception(let exception):
      // dir() of an exception: its class's names and BaseException's own.
      for t in exception.type.lineage { names.formUnion(t.attributes.keys) }
      names.formUnion(["args", "with_traceback", "add_note"])
    default: names.formUnion(Self.methodNames[typeName(object)] ?? [])
    }
    return names.sorted()
  }

  static func closest(to wrong: String, among candidates: [String]) -> String? {
    guard candidates.count <= 750, wrong.count <= 40 else { return nil }
    let target = Array(wrong)
    var best = target.count
    var suggestion: String? = nil
    for candidate in candidates where candidate != wrong {
      var limit = (candidate.count + target.count + 3) * 2 / 6
      limit = min(limit, best - 1)
      let distance = levenshtein(target, Array(candidate), limit: limit)
      if distance > limit { continue }
      if suggestion == nil || distance < best {
        suggestion = candidate
        best = distance
      }
    }
    return suggestion
  }

  private static func substitutionCost(_ a: Character, _ b: Character) -> Int {
    a == b ? 0 : a.lowercased() == b.lowercased() ? 1 : 2
  }

  static func levenshtein(_ a: [Character], _ b: [Character], limit: Int) -> Int {
    if a.isEmpty { return b.count * 2 }
    if b.isEmpty { return a.count * 2 }
    var previous = (0...b.count).map { $0 * 2 }
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i * 2
      var rowMinimum = current[0]
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 2, current[j - 1] + 2, previous[j - 1] + substitutionCost(a[i - 1], b[j - 1]))
        rowMinimum = min(rowMinimum, current[j])
      }
      if rowMinimum > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// `sys.stdlib_module_names` of CPython 3.12: a NameError on one of them adds "Did you forget to import".
  static let standardModules: Set<String> = [
    "__future__", "_abc", "_aix_support", "_ast", "_asyncio", "_bisect", "_blake2", "_bz2", "_codecs",
    "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections",
    "_collections_abc", "_compat_pickle", "_compression", "_contextvars", "_crypt", "_csv", "_ctypes",
    "_curses", "_curses_panel", "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io", "_json",
    "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec", "_multiprocessing",
    "_opcode", "_operator", "_osx_support", "_overlapped", "_pickle", "_posixshmem", "_posixsubprocess",
    "_py_abc", "_pydatetime", "_pydecimal", "_pyio", "_pylong", "_queue", "_random", "_scproxy", "_sha1",
    "_sha2", "_sha3", "_signal", "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics",
    "_string", "_strptime", "_struct", "_symtable", "_thread", "_threading_local", "_tkinter", "_tokenize",
    "_tracemalloc", "_typing", "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_zoneinfo", "abc",
    "aifc", "antigravity", "argparse", "array", "ast", "asyncio", "atexit", "audioop", "base64", "bdb",
    "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar", "cgi", "cgitb", "chunk", "cmath", "cmd",
    "code", "codecs", "codeop", "collections", "colorsys", "compileall", "concurrent", "configparser",
    "contextlib", "contextvars", "copy", "copyreg", "crypt", "csv", "ctypes", "curses", "dataclasses",
    "datetime", "dbm", "decimal", "difflib", "dis", "doctest", "email", "encodings", "ensurepip", "enum",
    "errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools",
    "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip", "hashlib", "heapq",
    "hmac", "html", "http", "idlelib", "imaplib", "imghdr", "importlib", "inspect", "io", "ipaddress",
    "itertools", "json", "keyword", "lib2to3", "linecache", "locale", "logging", "lzma", "mailbox", "mailcap",
    "marshal", "math", "mimetypes", "mmap", "modulefinder", "msilib", "msvcrt", "multiprocessing", "netrc",
    "nis", "nntplib", "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator", "optparse", "os",
    "ossaudiodev", "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil", "platform", "plistlib",
    "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr",
    "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib", "resource",
    "rlcompleter", "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal",
    "site", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3", "sre_compile", "sre_constants",
    "sre_parse", "ssl", "stat", "statistics", "string", "stringprep", "struct", "subprocess", "sunau",
    "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile", "termios",
    "textwrap", "this", "threading", "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace",
    "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata", "unittest",
    "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg", "winsound",
    "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
  ]
}
