extension PythonModules {
  /// `json.dumps` and `json.loads` as `Lib/json` gives them for the values a program prints (dicts, lists,
  /// tuples, strings, ints, floats, booleans, None): the same separators, `indent`, `sort_keys`, ASCII escapes.
  /// Python code (CPython's encoder is C), so it takes its instructions' time.
  static let json = #"""
    """json for giltutor: dumps and loads, with Lib/json's output for plain values."""

    _ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


    class JSONDecodeError(ValueError):
        __module__ = "json.decoder"


    def _string(s):
        out = []
        for c in s:
            if c in _ESCAPES:
                out.append(_ESCAPES[c])
            elif ord(c) < 32 or ord(c) > 126:
                code = ord(c)
                if code > 0xFFFF:
                    code -= 0x10000
                    out.append("\\u%04x\\u%04x" % (0xD800 | (code >> 10), 0xDC00 | (code & 0x3FF)))
                else:
                    out.append("\\u%04x" % code)
            else:
                out.append(c)
        return '"' + "".join(out) + '"'


    def _encode(value, indent, sort_keys, item_separator, key_separator, level):
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, str):
            return _string(value)
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if value != value:
                return "NaN"
            if value == float("inf"):
                return "Infinity"
            if value == -float("inf"):
                return "-Infinity"
            return repr(value)
        if isinstance(value, (list, tuple)):
            if not value:
                return "[]"
            parts = [_encode(v, indent, sort_keys, item_separator, key_separator, level + 1) for v in value]
            return _join("[", parts, "]", indent, item_separator, level)
        if isinstance(value, dict):
            if not value:
                return "{}"
            keys = sorted(value) if sort_keys else list(value)
            parts = []
            for k in keys:
                if isinstance(k, str):
                    name = k
                elif k is True or k is False or k is None or isinstance(k, (int, float)):
                    name = _encode(k, None, False, ", ", ": ", 0)
                else:
                    raise TypeError("keys must be str, int, float, bool or None, not %s" % type(k).__name__)
                encoded = _encode(value[k], indent, sort_keys, item_separator, key_separator, level + 1)
                parts.append(_string(name) + key_separator + encoded)
            return _join("{", parts, "}", indent, item_separator, level)
        raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


    def _join(opening, parts, closing, indent, item_separator, level):
        if indent is None:
            return opening + item_separator.join(parts) + closing
        pad = " " * indent if isinstance(indent, int) else indent
        inner = "\n" + pad * (level + 1)
        return opening + inner + (item_separator.rstrip() + inner).join(parts) + "\n" + pad * level + closing


    def dumps(obj, *, indent=None, sort_keys=False, separators=None):
        if separators is not None:
            item_separator, key_separator = separators
        elif indent is not None:
            item_separator, key_separator = ",", ": "
        else:
            item_separator, key_separator = ", ", ": "
        return _encode(obj, indent, sort_keys, item_separator, key_separator, 0)


    class _Reader:
        def __init__(self, text):
            self.text = text
            self.at = 0

        def fail(self, message):
            raise JSONDecodeError("%s: line 1 column %d (char %d)" % (message, self.at + 1, self.at))

        def space(self):
            while self.at < len(self.text) and self.text[self.at] in " \t\n\r":
                self.at += 1

        def value(self):
            self.space()
            if self.at >= len(self.text):
                self.fail("Expecting value")
            c = self.text[self.at]
            if c == "{":
                return self.object()
            if c == "[":
                return self.array()
            if c == '"':
                return self.string()
            for word, meaning in (("null", None), ("true", True), ("false", False)):
                if self.text.startswith(word, self.at):
                    self.at += len(word)
                    return meaning
            return self.number()

        def object(self):
            self.at += 1
            result = {}
            self.space()
            if self.text.startswith("}", self.at):
                self.at += 1
                return result
            while True:
                self.space()
                if not self.text.startswith('"', self.at):
                    self.fail("Expecting property name enclosed in double quotes")
                key = self.string()
                self.space()
                if not self.text.startswith(":", self.at):
                    self.fail("Expecting ':' delimiter")
                self.at += 1
                result[key] = self.value()
                self.space()
                if self.text.startswith(",", self.at):
                    self.at += 1
                elif self.text.startswith("}", self.at):
                    self.at += 1
                    return result
                else:
                    self.fail("Expecting ',' delimiter")

        def array(self):
            self.at += 1
            result = []
            self.space()
            if self.text.startswith("]", self.at):
                self.at += 1
                return result
            while True:
                result.append(self.value())
                self.space()
                if self.text.startswith(",", self.at):
                    self.at += 1
                elif self.text.startswith("]", self.at):
                    self.at += 1
                    return result
                else:
                    self.fail("Expecting ',' delimiter")

        def string(self):
            self.at += 1
            out = []
            while True:
                if self.at >= len(self.text):
                    self.fail("Unterminated string starting at")
                c = self.text[self.at]
                self.at += 1
                if c == '"':
                    return "".join(out)
                if c == "\\":
                    e = self.text[self.at]
                    self.at += 1
                    if e == "u":
                        out.append(chr(int(self.text[self.at:self.at + 4], 16)))
                        self.at += 4
                    else:
                        out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(e, e))
                else:
                    out.append(c)

        def number(self):
            start = self.at
            while self.at < len(self.text) and self.text[self.at] in "+-0123456789.eE":
                self.at += 1
            text = self.text[start:self.at]
            if not text:
                self.fail("Expecting value")
            if "." in text or "e" in text or "E" in text:
                return float(text)
            return int(text)


    def loads(s):
        reader = _Reader(s)
        value = reader.value()
        reader.space()
        if reader.at != len(s):
            reader.fail("Extra data")
        return value
    """#
}
