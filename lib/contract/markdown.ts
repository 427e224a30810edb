// The Markdown of the OpenAPI document's descriptions, parsed into a tree the
// docs page renders as React elements. A small subset, enough for what the
// document writes: paragraphs, bulleted and numbered lists, inline code,
// emphasis, strong emphasis and links. There is no raw HTML: every character
// outside the syntax below is text, which React escapes.

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "em" | "strong"; children: Inline[] }
  | { kind: "link"; href: string; children: Inline[] };

export type Block = { kind: "paragraph"; children: Inline[] } | { kind: "list"; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*(?:[-*+]|(\d+)[.)])\s+/;

/** Only links to the web, to this site and to anchors on the page: no `javascript:` or `data:` URLs. */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|\/(?!\/)|#)/i.test(href);
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", children: parseInline(paragraph.join(" ")) });
    if (list) blocks.push({ kind: "list", ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };
  for (const line of source.split(/\r?\n/)) {
    const bullet = BULLET.exec(line);
    if (line.trim() === "") {
      flush();
    } else if (bullet) {
      const ordered = bullet[1] !== undefined;
      if (paragraph.length > 0 || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(line.slice(bullet[0].length).trim());
    } else if (list) {
      // A continuation line of the last item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

export function parseInline(source: string): Inline[] {
  const nodes: Inline[] = [];
  let text = "";
  const pushText = (value: string) => {
    text += value;
  };
  const pushNode = (node: Inline) => {
    if (text) nodes.push({ kind: "text", text });
    text = "";
    nodes.push(node);
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === "\\" && i + 1 < source.length && /[!-/:-@[-`{-~]/.test(source[i + 1]!)) {
      pushText(source[i + 1]!);
      i += 2;
      continue;
    }
    if (char === "`") {
      const fence = /^`+/.exec(source.slice(i))![0];
      const close = findFence(source, i + fence.length, fence);
      if (close === -1) {
        pushText(fence);
        i += fence.length;
        continue;
      }
      let code = source.slice(i + fence.length, close);
      if (code.length > 2 && code.startsWith(" ") && code.endsWith(" ") && code.trim() !== "") code = code.slice(1, -1);
      pushNode({ kind: "code", text: code });
      i = close + fence.length;
      continue;
    }
    if (char === "*" || char === "_") {
      const marker = source[i + 1] === char ? char + char : char;
      const opens = !/\s/.test(source[i + marker.length] ?? " ") && (char === "*" || !isWordChar(source[i - 1]));
      const close = opens ? findDelimiter(source, i + marker.length, marker) : -1;
      if (close !== -1) {
        const children = parseInline(source.slice(i + marker.length, close));
        pushNode({ kind: marker.length === 2 ? "strong" : "em", children });
        i = close + marker.length;
        continue;
      }
      pushText(marker);
      i += marker.length;
      continue;
    }
    if (char === "[") {
      const link = /^\[([^\]]+)\]\(([^()\s]+)\)/.exec(source.slice(i));
      if (link && isSafeHref(link[2]!)) {
        pushNode({ kind: "link", href: link[2]!, children: parseInline(link[1]!) });
        i += link[0].length;
        continue;
      }
    }
    pushText(char);
    i += 1;
  }
  if (text) nodes.push({ kind: "text", text });
  return nodes;
}

/** The next run of exactly `fence` backticks at or after `from`, or -1. */
function findFence(source: string, from: number, fence: string): number {
  for (let at = source.indexOf(fence, from); at !== -1; at = source.indexOf(fence, at + 1)) {
    if (source[at - 1] !== "`" && source[at + fence.length] !== "`") return at;
    while (source[at + 1] === "`") at += 1;
  }
  return -1;
}

/** A closing `*`, `**`, `_` or `__` after `from`: not after a space, outside code spans, and for `_` not inside a word. */
function findDelimiter(source: string, from: number, marker: string): number {
  for (let at = from + 1; at < source.length; at += 1) {
    if (source[at] === "`") {
      const fence = /^`+/.exec(source.slice(at))![0];
      const close = findFence(source, at + fence.length, fence);
      if (close !== -1) at = close + fence.length - 1;
      continue;
    }
    if (!source.startsWith(marker, at) || /\s/.test(source[at - 1]!)) continue;
    const after = source[at + marker.length];
    if (marker.length === 1 && after === marker) {
      at += 1;
      continue;
    }
    if (marker[0] === "_" && isWordChar(after)) continue;
    return at;
  }
  return -1;
}
