import { describe, expect, it } from "vitest";
import { extractJsonStringField, parseJsonObject, readJsonString } from "@/lib/refine/partial-json";

/** Feeds `full` one character at a time and collects each extracted value. */
function progressive(full: string, field = "prompt"): Array<string | undefined> {
  const seen: Array<string | undefined> = [];
  for (let i = 0; i <= full.length; i++) seen.push(extractJsonStringField(full.slice(0, i), field)?.value);
  return seen;
}

describe("readJsonString", () => {
  it("decodes simple and unicode escapes and reports where the string ends", () => {
    const text = '"a\\"b\\\\c\\/d\\n\\t\\u00e9\\u2603" rest';
    const r = readJsonString(text, 1);
    expect(r.value).toBe('a"b\\c/d\n\té☃');
    expect(text.slice(r.end)).toBe(" rest");
  });

  it("stops before an escape that has not fully arrived", () => {
    expect(readJsonString('"ab\\', 1)).toEqual({ value: "ab", end: undefined });
    expect(readJsonString('"ab\\u00', 1)).toEqual({ value: "ab", end: undefined });
    expect(readJsonString('"ab\\u00e9', 1)).toEqual({ value: "abé", end: undefined });
  });
});

describe("extractJsonStringField", () => {
  it("is undefined until the value's opening quote arrives", () => {
    expect(extractJsonStringField("", "prompt")).toBeUndefined();
    expect(extractJsonStringField('{"pro', "prompt")).toBeUndefined();
    expect(extractJsonStringField('{"prompt"', "prompt")).toBeUndefined();
    expect(extractJsonStringField('{"prompt": ', "prompt")).toBeUndefined();
    expect(extractJsonStringField('{"prompt": "', "prompt")).toEqual({ value: "", complete: false });
  });

  it("reads a complete value and says it is complete", () => {
    const json = JSON.stringify({ prompt: 'A "fox"\nin snow', title: "Fox" });
    expect(extractJsonStringField(json, "prompt")).toEqual({ value: 'A "fox"\nin snow', complete: true });
    expect(extractJsonStringField(json, "title")).toEqual({ value: "Fox", complete: true });
  });

  it("grows monotonically, one character at a time, and ends equal to JSON.parse", () => {
    const value = 'Quote " backslash \\ tab \t newline \n é ☃ 🦊 \u0001 end';
    // Escape everything non-ASCII too, so \uXXXX and surrogate pairs arrive in pieces.
    const full = JSON.stringify({ prompt: value, negativePrompt: "", notes: ["x"] }).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    const seen = progressive(full);
    let previous = "";
    for (const v of seen) {
      if (v === undefined) continue;
      expect(v.startsWith(previous)).toBe(true);
      // Never half of a surrogate pair on screen.
      expect(/[\ud800-\udbff]$/.test(v)).toBe(false);
      previous = v;
    }
    expect(previous).toBe(value);
    expect(previous).toBe((JSON.parse(full) as { prompt: string }).prompt);
  });

  it("finds the field after other keys of every kind, and ignores nested namesakes", () => {
    const json = `{"n": 1, "ok": true, "x": null, "nested": {"prompt": "inner", "a": [1, "}", {"b": "]"}]}, "list": ["prompt"], "prompt": "outer"}`;
    expect(extractJsonStringField(json, "prompt")).toEqual({ value: "outer", complete: true });
  });

  it("skips text before the object, like a code fence", () => {
    expect(extractJsonStringField('```json\n{"prompt": "hi', "prompt")).toEqual({ value: "hi", complete: false });
  });

  it("is undefined when the object closes without the field or the field is not a string", () => {
    expect(extractJsonStringField('{"title": "x"}', "prompt")).toBeUndefined();
    expect(extractJsonStringField('{"prompt": 42, "title": "x"}', "prompt")).toBeUndefined();
  });

  it("handles a key that contains escapes", () => {
    expect(extractJsonStringField('{"pr\\u006fmpt": "yes"}', "prompt")).toEqual({ value: "yes", complete: true });
  });
});

describe("parseJsonObject", () => {
  it("parses plain, fenced and wrapped objects, and nothing else", () => {
    expect(parseJsonObject(' {"a": 1} ')).toEqual({ a: 1 });
    expect(parseJsonObject('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(parseJsonObject('Here you go: {"a": {"b": 2}} Enjoy.')).toEqual({ a: { b: 2 } });
    expect(parseJsonObject("[1, 2]")).toBeUndefined();
    expect(parseJsonObject('{"a": ')).toBeUndefined();
    expect(parseJsonObject("no json here")).toBeUndefined();
  });
});
