import { describeReceipt, describeWorstCase, type InvalidationReceipt } from "@/lib/keys/receipt";

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 23)} UTC`;

/** The receipt of a change that stopped cached keys: a summary that opens onto each API instance's answer. */
export function ReceiptDetails({ receipt }: { receipt: InvalidationReceipt }) {
  const worstCase = describeWorstCase(receipt);
  return (
    <details className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
      <summary className="cursor-pointer">{describeReceipt(receipt)}</summary>
      <ul className="mt-1 space-y-0.5 pl-4">
        {receipt.acknowledged.map((ack) => (
          <li key={ack.id}>
            <span className="font-mono">{ack.id}</span> on {ack.host}: acknowledged at {utc(ack.acknowledgedAt)}
          </li>
        ))}
        {receipt.silent.map((instance) => (
          <li key={instance.id}>
            <span className="font-mono">{instance.id}</span> on {instance.host}:{" "}
            {instance.reason === "shut_down" ? "shut down" : "went silent"}, stopped trusting its cache at {utc(instance.stoppedTrustingAt)}
          </li>
        ))}
      </ul>
      {worstCase ? <p className="mt-1 pl-4">{worstCase}</p> : null}
    </details>
  );
}
