import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "./markdown";

const text = (value: string) => ({ kind: "text", text: value });
const code = (value: string) => ({ kind: "code", text: value });

describe("the docs' Markdown subset", () => {
  it("reads inline code, with backtick runs, and keeps what is inside it literal", () => {
    expect(parseInline("Send `Authorization` to `POST /api/v1/verify`.")).toEqual([
      text("Send "),
      code("Authorization"),
      text(" to "),
      code("POST /api/v1/verify"),
      text("."),
    ]);
    expect(parseInline('body `{"error": {"code", "message"}}`')).toEqual([text("body "), code('{"error": {"code", "message"}}')]);
    expect(parseInline("`` a ` b ``")).toEqual([code("a ` b")]);
    expect(parseInline("`*not emphasis* and [no](/link)`")).toEqual([code("*not emphasis* and [no](/link)")]);
    expect(parseInline("an ` alone")).toEqual([text("an ` alone")]);
  });

  it("reads emphasis and strong emphasis, but not underscores inside words", () => {
    expect(parseInline("*Key environments* and **sandbox** and _this_")).toEqual([
      { kind: "em", children: [text("Key environments")] },
      text(" and "),
      { kind: "strong", children: [text("sandbox")] },
      text(" and "),
      { kind: "em", children: [text("this")] },
    ]);
    expect(parseInline("project_id and external_user_id")).toEqual([text("project_id and external_user_id")]);
    expect(parseInline("2 * 3 * 4")).toEqual([text("2 * 3 * 4")]);
    expect(parseInline("**a `b` c**")).toEqual([{ kind: "strong", children: [text("a "), code("b"), text(" c")] }]);
  });

  it("reads links to the web, the site and the page, and leaves any other scheme as text", () => {
    expect(parseInline("see [the sandbox](#sandbox) or [docs](https://example.com/a_b)")).toEqual([
      text("see "),
      { kind: "link", href: "#sandbox", children: [text("the sandbox")] },
      text(" or "),
      { kind: "link", href: "https://example.com/a_b", children: [text("docs")] },
    ]);
    expect(parseInline("[x](javascript:alert(1))")).toEqual([text("[x](javascript:alert(1))")]);
    expect(parseInline("[x](//evil.example)")).toEqual([text("[x](//evil.example)")]);
    expect(parseInline("[x](data:text/html,hi)")).toEqual([text("[x](data:text/html,hi)")]);
  });

  it("passes HTML through as text (React escapes it) and honours backslash escapes", () => {
    expect(parseInline("<script>alert(1)</script> <img src=x>")).toEqual([text("<script>alert(1)</script> <img src=x>")]);
    expect(parseInline("\\`not code\\` and \\*plain\\*")).toEqual([text("`not code` and *plain*")]);
  });

  it("splits paragraphs on blank lines and reads bulleted and numbered lists", () => {
    expect(parseMarkdown("One line\nand its continuation.\n\nSecond.\n- **live**: production\n- **test**: for\n  development\n\n1. first\n2. second")).toEqual([
      { kind: "paragraph", children: [text("One line and its continuation.")] },
      { kind: "paragraph", children: [text("Second.")] },
      {
        kind: "list",
        ordered: false,
        items: [
          [{ kind: "strong", children: [text("live")] }, text(": production")],
          [{ kind: "strong", children: [text("test")] }, text(": for development")],
        ],
      },
      { kind: "list", ordered: true, items: [[text("first")], [text("second")]] },
    ]);
  });
});
