import * as React from 'react';
import { Checkbox, Field, Flex } from '@strapi/design-system';
import { InputRenderer, useField } from '@strapi/strapi/admin';
import { applyChannels, proactiveChannels } from '@portal/shared';
import type { FieldInputProps } from './types';

/*
 * JSON fields that hold a list of vocabulary keys (申请渠道 ["online","inPerson","post"], 主动公开渠道)
 * as checkboxes with their Chinese names, storing the same JSON array in the vocabulary's order.
 * A key the vocabulary no longer has stays, ticked, under its own name, so nothing is lost. Every
 * other JSON field keeps Strapi's JSON editor.
 */

/** Field name → its vocabulary (shared/src/vocabularies.ts); the names are unique across our types. */
export const CHOICE_LISTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  applyChannels,
  proactiveChannels,
};

function keysOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function ChoiceList({
  name,
  label,
  hint,
  labelAction,
  required,
  disabled,
  vocabulary,
}: FieldInputProps & { vocabulary: Readonly<Record<string, string>> }) {
  const field = useField<unknown>(name);
  const chosen = keysOf(field.value);
  const unknown = chosen.filter((key) => !(key in vocabulary));
  const toggle = (key: string, on: boolean) => {
    const set = new Set(chosen);
    if (on) set.add(key);
    else set.delete(key);
    const ordered = [...Object.keys(vocabulary).filter((k) => set.has(k)), ...unknown.filter((k) => set.has(k))];
    field.onChange(name, ordered);
  };
  return (
    <Field.Root name={name} required={required} error={field.error} hint={hint}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <Flex
        role="group"
        aria-label={typeof label === 'string' ? label : undefined}
        data-choice-list={name}
        gap={4}
        wrap="wrap"
        paddingTop={1}
        paddingBottom={1}
      >
        {[...Object.entries(vocabulary), ...unknown.map((key) => [key, `${key}（词表中没有）`] as const)].map(([key, text]) => (
          <Checkbox
            key={key}
            name={`${name}.${key}`}
            value={key}
            checked={chosen.includes(key)}
            disabled={disabled}
            onCheckedChange={(on: boolean | 'indeterminate') => toggle(key, on === true)}
          >
            {text}
          </Checkbox>
        ))}
      </Flex>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}

export function JsonFieldInput(props: FieldInputProps) {
  const vocabulary = CHOICE_LISTS[props.name.split('.').at(-1)!];
  if (vocabulary) return <ChoiceList {...props} vocabulary={vocabulary} />;
  const { name, label, hint, labelAction, placeholder, required, disabled } = props;
  return (
    <InputRenderer
      name={name}
      label={label}
      hint={hint}
      labelAction={labelAction}
      placeholder={placeholder}
      required={required}
      disabled={disabled}
      type="json"
    />
  );
}
