import type { ReactNode } from "react";
import { parseMarkdown, type Block, type Inline } from "@/lib/contract/markdown";

// Renders the OpenAPI document's Markdown as elements: text stays text
// (React escapes it), so a description cannot inject markup.

function InlineNodes({ nodes }: { nodes: Inline[] }): ReactNode {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case "text":
        return node.text;
      case "code":
        return (
          <code key={index} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.9em] text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
            {node.text}
          </code>
        );
      case "em":
        return (
          <em key={index}>
            <InlineNodes nodes={node.children} />
          </em>
        );
      case "strong":
        return (
          <strong key={index} className="font-semibold">
            <InlineNodes nodes={node.children} />
          </strong>
        );
      case "link":
        return (
          <a key={index} href={node.href} className="text-indigo-700 underline underline-offset-2 dark:text-indigo-400">
            <InlineNodes nodes={node.children} />
          </a>
        );
    }
  });
}

function MarkdownBlock({ block }: { block: Block }) {
  if (block.kind === "paragraph") {
    return (
      <p>
        <InlineNodes nodes={block.children} />
      </p>
    );
  }
  const List = block.ordered ? "ol" : "ul";
  return (
    <List className={`space-y-1 pl-5 ${block.ordered ? "list-decimal" : "list-disc"}`}>
      {block.items.map((item, index) => (
        <li key={index}>
          <InlineNodes nodes={item} />
        </li>
      ))}
    </List>
  );
}

export function Markdown({ source, className = "" }: { source: string; className?: string }) {
  return (
    <div className={`space-y-2 ${className}`}>
      {parseMarkdown(source).map((block, index) => (
        <MarkdownBlock key={index} block={block} />
      ))}
    </div>
  );
}
