import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField, useFocusInputField } from '@strapi/strapi/admin';
import { chineseDate, parseTypedDate } from '@portal/shared';
import type { FieldInputProps } from './types';

/*
 * Every `date` field of the edit view (成文日期, 发布日期, 废止日期, 指南更新日期 …) as a text box
 * that takes what officials type: 2021-06-30, 2021/6/30, 20210630, 2021年6月30日. Strapi's date
 * picker takes no typing. The value stays Strapi's `YYYY-MM-DD`; the hint shows how the date reads.
 * Text that is no date stays in the box and in the form (so the save is refused, nothing half
 * stored) with the reason under the field.
 */

export function DateInput({ name, label, hint, labelAction, required, disabled }: FieldInputProps) {
  const field = useField<string | null>(name);
  const focusRef = useFocusInputField<HTMLInputElement>(name);
  const stored = typeof field.value === 'string' ? field.value : '';
  const [text, setText] = React.useState(stored);
  const [problem, setProblem] = React.useState<string | undefined>();
  const committed = React.useRef(stored);

  // A value set from outside (loading the document, discarding changes) replaces what is shown.
  React.useEffect(() => {
    if (stored !== committed.current) {
      committed.current = stored;
      setText(stored);
      setProblem(undefined);
    }
  }, [stored]);

  const commit = (typed: string) => {
    setText(typed);
    if (typed.trim() === '') {
      setProblem(undefined);
      committed.current = '';
      field.onChange(name, null);
      return;
    }
    const parsed = parseTypedDate(typed);
    setProblem(parsed.ok ? undefined : parsed.message);
    const next = parsed.ok ? parsed.iso : typed;
    committed.current = next;
    field.onChange(name, next);
  };

  const reads = problem ? undefined : chineseDate(committed.current);
  const shown = reads ? `即 ${reads}` : '可输入 2021-06-30 或 2021年6月30日';
  return (
    <Field.Root
      name={name}
      required={required}
      error={problem ?? field.error}
      hint={typeof hint === 'string' && hint ? `${shown}。${hint}` : shown}
    >
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        ref={focusRef}
        name={name}
        data-date-input={name}
        value={text}
        disabled={disabled}
        placeholder="如 2021-06-30"
        autoComplete="off"
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => commit(event.target.value)}
        onBlur={() => {
          const parsed = text.trim() ? parseTypedDate(text) : undefined;
          if (parsed?.ok) setText(parsed.iso);
        }}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
