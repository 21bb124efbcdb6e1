/**
 * Where JSON text first breaks the grammar (RFC 8259), and why, in words that never quote the
 * text (it may be patient data). Run only after JSON.parse has refused the text: engines word
 * their errors differently (and V8's quote the input), so the position and reason come from here,
 * the same in Node and in the studio's browser worker. Iterative, so no nesting depth can
 * overflow the stack.
 */
export function locateJsonError(text: string, start = 0, end = text.length): { offset: number; reason: string } {
  let i = start;
  const stack: number[] = []; // 123 '{' or 91 '['
  const ws = (): void => {
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (reason: string, at = i) => ({ offset: at, reason });

  /** Reads a string at i (which is a quote); returns a failure or undefined. */
  const string = (): { offset: number; reason: string } | undefined => {
    const open = i;
    i++;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 32) return fail('a string holds a control character (a line break or tab inside a string must be written \\n or \\t)');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) return fail('a string holds a \\u escape without four hex digits');
          i += 6;
          continue;
        }
        if (e === undefined || i + 1 >= end) break;
        if ('"\\/bfnrt'.indexOf(e) < 0) return fail('a string holds an escape that JSON does not have');
        i += 2;
        continue;
      }
      i++;
    }
    return fail('the text ends inside a string that starts here', open);
  };

  /** Reads a literal or number at i; returns a failure or undefined. */
  const scalar = (): { offset: number; reason: string } | undefined => {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i) && i + word.length <= end) {
        i += word.length;
        return undefined;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, Math.min(end, i + 400)));
    if (m && m[0].length > 0 && m[0] !== '-') {
      i += m[0].length;
      return undefined;
    }
    const c = text.charCodeAt(i);
    if (c === 45 || (c >= 48 && c <= 57)) return fail('a number is malformed');
    return fail('a value is expected here (an object, array, string, number, true, false or null)');
  };

  ws();
  if (i >= end) return fail('the text holds no JSON value');
  // After a value: close containers or expect a separator; before a value: read one.
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      if (i >= end) return fail('the text ends where a value is expected');
      const c = text.charCodeAt(i);
      if (c === 123) {
        stack.push(123);
        i++;
        ws();
        if (text.charCodeAt(i) === 125) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        const key = member();
        if (key) return key;
        continue;
      }
      if (c === 91) {
        stack.push(91);
        i++;
        ws();
        if (text.charCodeAt(i) === 93) {
          stack.pop();
          i++;
          expectValue = false;
        }
        continue;
      }
      const bad = c === 34 ? string() : scalar();
      if (bad) return bad;
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) {
      if (i < end) return fail('there is more text after the JSON value (one document per input; use NDJSON for one per line)');
      return fail('the JSON is valid', -1);
    }
    if (i >= end) return fail(top === 123 ? 'the text ends before the object is closed with "}"' : 'the text ends before the array is closed with "]"');
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      if (top === 123) {
        ws();
        const key = member();
        if (key) return key;
      } else expectValue = true;
      continue;
    }
    if ((top === 123 && c === 125) || (top === 91 && c === 93)) {
      stack.pop();
      i++;
      continue;
    }
    return fail(top === 123 ? 'a "," or "}" is expected here' : 'a "," or "]" is expected here');
  }

  /** A property name and its colon; leaves i at the value. */
  function member(): { offset: number; reason: string } | undefined {
    ws();
    if (i >= end) return fail('the text ends where a property name is expected');
    if (text.charCodeAt(i) !== 34) return fail('a property name in double quotes is expected here');
    const bad = string();
    if (bad) return bad;
    ws();
    if (text.charCodeAt(i) !== 58) return fail(i >= end ? 'the text ends where ":" is expected' : 'a ":" is expected after the property name');
    i++;
    expectValue = true;
    return undefined;
  }
}
