import * as React from 'react';
import { useForm } from '@strapi/strapi/admin';

/*
 * A refused save keeps what the editor typed. Strapi 5's edit view writes the values it sends
 * into its cached document before the answer comes (an optimistic update) and, when the save
 * fails, rolls that update back (content-manager services/documents.ts, `updateDocument`
 * `onQueryStarted` → `patchResult.undo()`) and refetches the document; the form takes every change
 * of its initial values as a reset (admin components/Form.tsx, SET_INITIAL_VALUES), so every
 * field typed before the save went back to the stored document, with the server's messages
 * under fields that no longer held the wrong value. Here the values sent are kept from the start
 * of the save; when a save that ended with errors (or is still ending) resets the form to the
 * stored document, they are put back, unsaved, the errors left as they are.
 */

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function useKeepTypedValues(): void {
  const values = useForm('KeepTypedValues', (state) => state.values) as Record<string, unknown>;
  const initialValues = useForm('KeepTypedValues', (state) => state.initialValues) as Record<string, unknown>;
  const saving = useForm('KeepTypedValues', (state) => state.isSubmitting);
  const errors = useForm('KeepTypedValues', (state) => state.errors) as Record<string, unknown>;
  const setValues = useForm('KeepTypedValues', (state) => state.setValues);
  /** The values of the save in progress or last refused; undefined once a save went through. */
  const sent = React.useRef<Record<string, unknown> | undefined>(undefined);
  const wasSaving = React.useRef(false);
  const refused = Object.keys(errors ?? {}).length > 0;

  React.useEffect(() => {
    if (saving && !wasSaving.current) sent.current = values;
    // The admin sets the server's errors (or clears them) in the update that ends the save.
    else if (!saving && wasSaving.current && !refused) sent.current = undefined;
    wasSaving.current = saving;
    // (the values when the save starts, not at every keystroke)
  }, [saving, refused]);

  React.useEffect(() => {
    const kept = sent.current;
    if (!kept || !(saving || refused)) return;
    if (same(values, initialValues) && !same(values, kept)) setValues(kept);
    // Only a change of the stored document (the rollback, the refetch) is a reset to undo.
  }, [initialValues]);
}

/** An edit-view side panel that shows nothing (it returns no panel): it runs inside the edit view's form. */
export function KeepTypedValuesPanel(): null {
  useKeepTypedValues();
  return null;
}
