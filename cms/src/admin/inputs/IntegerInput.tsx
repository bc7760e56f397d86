import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField, useFocusInputField } from '@strapi/strapi/admin';
import type { FieldInputProps } from './types';

/*
 * Every `integer` field (年度, 排序) without the thousands separator Strapi's number input adds
 * (年度 read "2,020"). Full-width digits are taken; anything else is said under the field.
 */

export function IntegerInput({ name, label, hint, labelAction, required, disabled, attribute }: FieldInputProps) {
  const field = useField<number | string | null>(name);
  const focusRef = useFocusInputField<HTMLInputElement>(name);
  const stored = field.value === null || field.value === undefined ? '' : String(field.value);
  const [text, setText] = React.useState(stored);
  const [problem, setProblem] = React.useState<string | undefined>();
  const committed = React.useRef(stored);

  React.useEffect(() => {
    if (stored !== committed.current) {
      committed.current = stored;
      setText(stored);
      setProblem(undefined);
    }
  }, [stored]);

  const commit = (typed: string) => {
    setText(typed);
    const normal = typed.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
    let next: number | string | null;
    let message: string | undefined;
    if (normal === '') next = null;
    else if (!/^-?\d{1,15}$/.test(normal)) {
      next = typed;
      message = `“${typed.trim()}”不是整数，请只填数字，如 2021。`;
    } else {
      next = Number(normal);
      if (attribute?.min !== undefined && next < attribute.min) message = `不能小于 ${attribute.min}。`;
      else if (attribute?.max !== undefined && next > attribute.max) message = `不能大于 ${attribute.max}。`;
    }
    setProblem(message);
    committed.current = next === null ? '' : String(next);
    field.onChange(name, next);
  };

  return (
    <Field.Root name={name} required={required} error={problem ?? field.error} hint={hint}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        ref={focusRef}
        name={name}
        value={text}
        disabled={disabled}
        inputMode="numeric"
        autoComplete="off"
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => commit(event.target.value)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
