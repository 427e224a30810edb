"use client";

import { useState } from "react";
import { changedPolicyInput, formErrorsFromServer, policyInput, type PolicyForm, type PolicyFormErrors } from "../keys/policy-form";
import type { KeyPolicyInput } from "../keys/policy-schemas";
import { ActionError } from "./action-mutation";

/** Sends the checked policy; `onError` puts the server's field errors beside the fields. */
type Send = (input: KeyPolicyInput, options: { onError: (error: unknown) => void }) => void;

/**
 * A key policy's fields as the person edits them (components/keys/policy-fields.tsx),
 * and the one way a form submits them: checked here first, so a mistake is
 * shown beside its field and nothing is sent; what the server still refuses
 * lands beside the same fields. Credits are sent only when changed (see
 * changedPolicyInput). The create dialog and the key's page share it.
 */
export function usePolicyForm(initial: PolicyForm) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<PolicyFormErrors>({});

  /** Checks the fields and sends them; false when a field is wrong and nothing was sent. */
  function submit(send: Send): boolean {
    const checked = policyInput(form);
    if (!checked.ok) {
      setErrors(checked.errors);
      return false;
    }
    setErrors({});
    send(changedPolicyInput(initial, form, checked.input), { onError: (error) => setErrors(formErrorsFromServer(error instanceof ActionError ? error.validationErrors : undefined)) });
    return true;
  }

  function reset() {
    setForm(initial);
    setErrors({});
  }

  return { submit, reset, fields: { form, onChange: setForm, errors } };
}
