import type { OperationView, PropertyRow } from "@/lib/contract/openapi-view";
import { Badge } from "@/components/ui/badge";
import { Markdown } from "./markdown";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";

function Properties({ rows, caption }: { rows: PropertyRow[]; caption: string }) {
  return (
    <Table caption={caption} density="compact" flush className="mt-2">
      <TableHead>
        <TableRow>
          <TableHeaderCell>Field</TableHeaderCell>
          <TableHeaderCell>Type</TableHeaderCell>
          <TableHeaderCell>Description</TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.name}>
            <TableHeaderCell scope="row" className="font-mono">
              {row.name}
              {row.required && <span className="text-red-600" title="required"> *</span>}
            </TableHeaderCell>
            <TableCell className="font-mono text-xs">{row.type}</TableCell>
            <TableCell className="text-zinc-600 dark:text-zinc-400">
              <Markdown source={row.description} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function OperationCard({ operation }: { operation: OperationView }) {
  return (
    <section id={operation.id} aria-labelledby={`${operation.id}-title`} className="scroll-mt-6 rounded-xl bg-white p-6 ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800">
      <h2 id={`${operation.id}-title`} className="flex flex-wrap items-center gap-2 font-mono text-base font-semibold">
        <Badge tone={operation.method === "GET" ? "sky" : "indigo"}>{operation.method}</Badge>
        {operation.path}
      </h2>
      <p className="mt-2 text-sm">{operation.summary}</p>
      {operation.description && <Markdown source={operation.description} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" />}
      <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
        {operation.authenticated ? "Requires Authorization: Bearer <API key>." : "No authentication."}
      </p>
      {operation.requestBody.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">JSON body (optional fields)</h3>
          <Properties rows={operation.requestBody} caption={`${operation.path} request body`} />
        </div>
      )}
      <h3 className="mt-4 text-sm font-semibold">Responses</h3>
      <ul className="mt-2 space-y-3">
        {operation.responses.map((response) => (
          <li key={response.status} className="text-sm">
            <div className="flex flex-wrap items-baseline gap-2">
              <Badge tone={response.status.startsWith("2") ? "green" : response.status === "503" ? "amber" : "red"}>{response.status}</Badge>
              <Markdown source={response.description} className="min-w-0 flex-1" />
              {response.headers.length > 0 && <span className="text-xs text-zinc-500">Headers: {response.headers.join(", ")}</span>}
            </div>
            {response.schema.length > 0 && <Properties rows={response.schema} caption={`${operation.path} ${response.status} response`} />}
            {response.examples.map((example) => (
              <figure key={example.name} className="mt-2">
                {example.summary && (
                  <figcaption className="text-xs text-zinc-500 dark:text-zinc-400">
                    <Markdown source={example.summary} />
                  </figcaption>
                )}
                <pre
                  tabIndex={0}
                  aria-label={`Example ${response.status} response: ${example.name}`}
                  className="mt-1 overflow-x-auto rounded-md bg-zinc-950 p-3 text-xs text-zinc-100"
                >
                  <code>{example.body}</code>
                </pre>
              </figure>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
